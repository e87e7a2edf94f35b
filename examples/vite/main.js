// Vite usage: named ES imports from the package and its async/await entry, no vite.config.js.
import {
	AuthenticationDetails,
	CognitoUser,
	CognitoUserAttribute,
	CognitoUserPool,
	CookieStorage,
} from 'amazon-cognito-identity-js';
import * as promises from 'amazon-cognito-identity-js/promises';
import { start } from '../browser/flows.js';

start(
	{ AuthenticationDetails, CognitoUser, CognitoUserAttribute, CognitoUserPool, CookieStorage },
	promises,
);
