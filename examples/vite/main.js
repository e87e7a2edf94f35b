// Vite usage: named ES imports from the package, no vite.config.js at all.
// The page is the sign-in app; ?page=flows runs the automated flows of the browser tests.
/* global window, URLSearchParams */
import {
	AuthenticationDetails,
	CognitoUser,
	CognitoUserAttribute,
	CognitoUserPool,
	CookieStorage,
} from 'amazon-cognito-identity-js';
import { start } from '../browser/flows.js';
import { startSignInApp } from '../browser/signin.js';

const lib = {
	AuthenticationDetails,
	CognitoUser,
	CognitoUserAttribute,
	CognitoUserPool,
	CookieStorage,
};
if (new URLSearchParams(window.location.search).get('page') === 'flows') start(lib);
else startSignInApp(lib);
