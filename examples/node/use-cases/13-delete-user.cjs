// Use case 13: a signed-in user deletes their account.
const { check, expectError, signIn, signUpConfirmed } = require('../helpers.cjs');

module.exports = {
	id: '13',
	title: 'Deleting an authenticated user',
	async run(AmazonCognitoIdentity, config, log) {
		const { username } = await signUpConfirmed(AmazonCognitoIdentity, config, 'basic', 'uc13');
		const { cognitoUser, userPool } = await signIn(
			AmazonCognitoIdentity,
			config,
			'basic',
			username,
		);

		const result = await new Promise((resolve, reject) => {
			cognitoUser.deleteUser(function (err, res) {
				if (err) {
					reject(err);
					return;
				}
				log('call result: ' + res);
				resolve(res);
			});
		});
		check(result === 'SUCCESS', 'deleteUser answers SUCCESS');
		check(userPool.getCurrentUser() === null, 'the cached user is cleared');
		// The basic profile's client reports unknown users (PreventUserExistenceErrors LEGACY).
		const err = await expectError(
			signIn(AmazonCognitoIdentity, config, 'basic', username),
			'UserNotFoundException',
		);
		return { result, signInAfterwards: err.code };
	},
};
