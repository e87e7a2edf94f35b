// Script-tag usage: the library arrives as the global AmazonCognitoIdentity, and its async/await
// face (dist/amazon-cognito-identity-promises.js) as AmazonCognitoIdentity.promises.
/* global window */
import { start } from './flows.js';

start(window.AmazonCognitoIdentity, window.AmazonCognitoIdentity.promises);
