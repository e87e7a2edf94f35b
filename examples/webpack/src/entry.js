// Webpack usage as in the README: import the package by name, the bundler does the rest.
// The page is the sign-in app; ?page=flows runs the automated flows of the browser tests.
/* global window, URLSearchParams */
import * as AmazonCognitoIdentity from 'amazon-cognito-identity-js';
import { start } from '../../browser/flows.js';
import { startSignInApp } from '../../browser/signin.js';

if (new URLSearchParams(window.location.search).get('page') === 'flows')
	start(AmazonCognitoIdentity);
else startSignInApp(AmazonCognitoIdentity);
