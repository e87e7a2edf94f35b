// Use case 14: signing out of the application (local sign-out).
const { check, memoryStorage, signIn, signUpConfirmed } = require('../helpers.cjs');

module.exports = {
	id: '14',
	title: 'Signing out from the application',
	async run(AmazonCognitoIdentity, config) {
		const { username } = await signUpConfirmed(AmazonCognitoIdentity, config, 'basic', 'uc14');
		const storage = memoryStorage();
		const { cognitoUser, userPool } = await signIn(
			AmazonCognitoIdentity,
			config,
			'basic',
			username,
			{
				storage,
			},
		);
		const keysBefore = storage.keys().length;
		check(userPool.getCurrentUser() !== null, 'signed in before');

		cognitoUser.signOut();

		check(cognitoUser.getSignInUserSession() === null, 'the in-memory session is gone');
		check(userPool.getCurrentUser() === null, 'no current user after sign-out');
		const tokenKeys = storage.keys().filter((k) => /(idToken|accessToken|refreshToken)$/.test(k));
		check(tokenKeys.length === 0, `no tokens left in storage (${tokenKeys})`);
		return { keysBefore, tokenKeysAfter: tokenKeys.length };
	},
};
