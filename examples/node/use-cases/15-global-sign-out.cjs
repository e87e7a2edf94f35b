// Use case 15: global sign-out, which invalidates every token issued to the user.
const {
	check,
	expectError,
	memoryStorage,
	nodeCallback,
	signIn,
	signUpConfirmed,
} = require('../helpers.cjs');

module.exports = {
	id: '15',
	title: 'Global sign-out (invalidates all issued tokens)',
	async run(AmazonCognitoIdentity, config, log) {
		const { username } = await signUpConfirmed(AmazonCognitoIdentity, config, 'basic', 'uc15');
		const { cognitoUser, userPool, session } = await signIn(
			AmazonCognitoIdentity,
			config,
			'basic',
			username,
		);
		// A second sign-in elsewhere: global sign-out ends that one too.
		const other = await signIn(AmazonCognitoIdentity, config, 'basic', username, {
			storage: memoryStorage(),
		});

		const result = await new Promise((resolve, reject) => {
			const callback = {
				onSuccess: (msg) => {
					log('call result: ' + msg);
					resolve(msg);
				},
				onFailure: (err) => reject(err),
			};
			cognitoUser.globalSignOut(callback);
		});
		check(result === 'SUCCESS', 'globalSignOut answers SUCCESS');
		check(userPool.getCurrentUser() === null, 'the cached user is cleared');
		// The tokens still look valid locally, but the service refuses them now.
		check(session.isValid(), 'the local session still looks valid');
		await expectError(
			nodeCallback((cb) => other.cognitoUser.getUserAttributes(cb)),
			'NotAuthorizedException',
		);
		await expectError(
			nodeCallback((cb) => other.cognitoUser.refreshSession(other.session.getRefreshToken(), cb)),
			'NotAuthorizedException',
		);
		return { result, otherSessionRejected: true, refreshRejected: true };
	},
};
