// Every README use case through an ES module import, on Node's own fetch (no polyfill):
//   node run-all.mjs config.json
// The README's setup section imports the package's default; its usage section imports names.
import AmazonCognitoIdentity from 'amazon-cognito-identity-js';
import { CognitoUser, CognitoUserAttribute, CognitoUserPool } from 'amazon-cognito-identity-js';
import helpers from './helpers.cjs';
import core from './runner-core.cjs';

try {
	if (
		AmazonCognitoIdentity.CognitoUserPool !== CognitoUserPool ||
		AmazonCognitoIdentity.CognitoUser !== CognitoUser ||
		AmazonCognitoIdentity.CognitoUserAttribute !== CognitoUserAttribute
	) {
		throw new Error('the default import and the named imports disagree');
	}
	const failed = await core.runAll({
		mode: 'esm',
		AmazonCognitoIdentity,
		packagePath: import.meta.resolve('amazon-cognito-identity-js'),
		entries: {
			// The ES module build of the React Native entry and its store.
			reactNative: () => import('amazon-cognito-identity-js/es/react-native.js'),
			reactNativeStorage: () => import('amazon-cognito-identity-js/es/StorageHelper-rn.js'),
			// The async/await face, through its own entry point.
			promises: () => import('amazon-cognito-identity-js/promises'),
		},
		config: helpers.loadConfig(),
		only: core.onlyFromArgv(),
	});
	process.exitCode = failed ? 1 : 0;
} catch (error) {
	console.error(error);
	process.exitCode = 2;
}
