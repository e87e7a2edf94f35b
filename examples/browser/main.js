// The sign-in app on the script-tag bundle: the library arrives as the global
// AmazonCognitoIdentity. (flows.html / app.js is the automated test page.)
/* global window */
import { startSignInApp } from './signin.js';

startSignInApp(window.AmazonCognitoIdentity);
