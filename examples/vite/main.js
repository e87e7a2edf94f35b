// Vite usage: named ES imports from the package and its async/await entry, no vite.config.js.
// The page is the sign-in app; ?page=flows runs the automated flows of the browser tests.
/* global window, URLSearchParams */
import {
	AuthenticationDetails,
	CognitoUser,
	CognitoUserAttribute,
	CognitoUserPool,
	CookieStorage,
} from 'amazon-cognito-identity-js';
import * as promises from 'amazon-cognito-identity-js/promises';
import { start } from '../browser/flows.js';
import { startSignInApp } from '../browser/signin.js';

const lib = {
	AuthenticationDetails,
	CognitoUser,
	CognitoUserAttribute,
	CognitoUserPool,
	CookieStorage,
};
if (new URLSearchParams(window.location.search).get('page') === 'flows') start(lib, promises);
else startSignInApp(lib);
