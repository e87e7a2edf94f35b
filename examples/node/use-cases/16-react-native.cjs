// Use case 16 with React Native: tokens live in AsyncStorage, and the app calls
// userPool.storage.sync() at start-up before getCurrentUser(). Here the package's React Native
// entry runs under Node with an in-memory AsyncStorage stand-in.
const { check, nodeCallback, poolData, signUpConfirmed } = require('../helpers.cjs');

/**
 * Just enough of @react-native-async-storage/async-storage, kept in a Map. Like it, the reads
 * take an optional callback (the library's sync() uses those forms) and return a promise.
 */
function inMemoryAsyncStorage() {
	const data = new Map();
	const answer = (value, callback) => {
		if (callback) setTimeout(() => callback(null, value), 0);
		return Promise.resolve(value);
	};
	return {
		data,
		setItem: async (k, v) => void data.set(k, v),
		removeItem: async (k) => void data.delete(k),
		getAllKeys: (callback) => answer([...data.keys()], callback),
		multiGet: (keys, callback) =>
			answer(
				keys.map((k) => [k, data.has(k) ? data.get(k) : null]),
				callback,
			),
	};
}

module.exports = {
	id: '16-rn',
	title: 'Retrieving the current user with React Native (storage.sync)',
	// Loading the React Native entry makes its AsyncStorage store the default for every pool
	// created afterwards in this process, so the runner keeps this one for last.
	last: true,
	async run(AmazonCognitoIdentity, config, log, entries) {
		// What `import … from 'amazon-cognito-identity-js'` gives a React Native bundle.
		const RN = await entries.reactNative();
		// Without @react-native-async-storage/async-storage installed, the app hands over its own.
		const { setAsyncStorage } = await entries.reactNativeStorage();
		const asyncStorage = inMemoryAsyncStorage();
		setAsyncStorage(asyncStorage);

		const { username } = await signUpConfirmed(RN, config, 'basic', 'uc16rn');
		// First app run: sign in; the tokens are written through to AsyncStorage.
		const firstPool = new RN.CognitoUserPool(poolData(config));
		const user = new RN.CognitoUser({ Username: username, Pool: firstPool });
		await new Promise((resolve, reject) =>
			user.authenticateUser(
				new RN.AuthenticationDetails({ Username: username, Password: config.password }),
				{ onSuccess: resolve, onFailure: reject },
			),
		);
		const persisted = [...asyncStorage.data.keys()].filter((k) => k.startsWith('@MemoryStorage:'));
		check(
			persisted.some((k) => k.endsWith('.LastAuthUser')),
			'the tokens were written to AsyncStorage',
		);

		// The app restarts: memory is empty until sync() loads AsyncStorage back.
		firstPool.storage.clear();
		const userPool = new RN.CognitoUserPool(poolData(config));
		check(userPool.getCurrentUser() === null, 'nothing in memory before sync');
		const cognitoUser = await new Promise((resolve, reject) => {
			userPool.storage.sync(function (err, result) {
				if (err) {
					reject(err);
				} else if (result === 'SUCCESS') {
					resolve(userPool.getCurrentUser());
				}
			});
		});
		check(cognitoUser != null && cognitoUser.getUsername() === username, 'sync restores the user');
		const session = await nodeCallback((cb) => cognitoUser.getSession(cb));
		log('session validity: ' + session.isValid());
		check(session.isValid(), 'the restored session is valid');
		const attrs = await nodeCallback((cb) => cognitoUser.getUserAttributes(cb));
		check(attrs.length > 0, 'the restored session works against the service');
		return { persistedKeys: persisted.length, restored: cognitoUser.getUsername() === username };
	},
};
