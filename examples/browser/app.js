// The automated test page (flows.html): the script-tag bundle driven by flows.js. The page a
// person uses is index.html (main.js, signin.js).
/* global window */
import { start } from './flows.js';

start(window.AmazonCognitoIdentity);
