// Webpack usage as in the README: import the package by name, the bundler does the rest.
import * as AmazonCognitoIdentity from 'amazon-cognito-identity-js';
import { start } from '../../browser/flows.js';

start(AmazonCognitoIdentity);
