// The automated test page (flows.html): the script-tag bundle driven by flows.js, with the
// library as the global AmazonCognitoIdentity and its async/await face
// (dist/amazon-cognito-identity-promises.js) as AmazonCognitoIdentity.promises. The page a
// person uses is index.html (main.js, signin.js).
/* global window */
import { start } from './flows.js';

start(window.AmazonCognitoIdentity, window.AmazonCognitoIdentity.promises);
