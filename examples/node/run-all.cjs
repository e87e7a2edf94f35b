// Every README use case through CommonJS, set up the way the README shows for Node:
//   node run-all.cjs config.json            (see examples/README.md for the configuration)
// Node 18+ has its own fetch, and cross-fetch/polyfill leaves an existing one alone; start Node
// with --no-experimental-fetch to run on the polyfill as older Node versions did.
'use strict';

require('cross-fetch/polyfill');
const AmazonCognitoIdentity = require('amazon-cognito-identity-js');
const { loadConfig } = require('./helpers.cjs');
const { runAll, onlyFromArgv } = require('./runner-core.cjs');

runAll({
	mode: 'cjs',
	AmazonCognitoIdentity,
	packagePath: require.resolve('amazon-cognito-identity-js'),
	entries: {
		reactNative: async () => require('amazon-cognito-identity-js/lib/react-native'),
		reactNativeStorage: async () => require('amazon-cognito-identity-js/lib/StorageHelper-rn'),
		promises: async () => require('amazon-cognito-identity-js/promises'),
	},
	config: loadConfig(),
	only: onlyFromArgv(),
}).then(
	(failed) => {
		process.exitCode = failed ? 1 : 0;
	},
	(error) => {
		console.error(error);
		process.exitCode = 2;
	},
);
