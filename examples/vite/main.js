// Vite usage: named ES imports from the package, no vite.config.js at all.
import {
	AuthenticationDetails,
	CognitoUser,
	CognitoUserAttribute,
	CognitoUserPool,
	CookieStorage,
} from 'amazon-cognito-identity-js';
import { start } from '../browser/flows.js';

start({ AuthenticationDetails, CognitoUser, CognitoUserAttribute, CognitoUserPool, CookieStorage });
