// Script-tag usage: the library arrives as the global AmazonCognitoIdentity.
/* global window */
import { start } from './flows.js';

start(window.AmazonCognitoIdentity);
