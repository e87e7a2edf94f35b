// Use case 11: changing the password of a signed-in user.
const { check, expectError, signIn, signUpConfirmed } = require('../helpers.cjs');

module.exports = {
	id: '11',
	title: 'Changing the current password',
	async run(AmazonCognitoIdentity, config, log) {
		const { username } = await signUpConfirmed(AmazonCognitoIdentity, config, 'basic', 'uc11');
		const { cognitoUser } = await signIn(AmazonCognitoIdentity, config, 'basic', username);
		const newPassword = config.password + 'Changed1';

		const result = await new Promise((resolve, reject) => {
			cognitoUser.changePassword(config.password, newPassword, function (err, res) {
				if (err) {
					reject(err);
					return;
				}
				log('call result: ' + res);
				resolve(res);
			});
		});
		check(result === 'SUCCESS', 'changePassword answers SUCCESS');
		const again = await signIn(AmazonCognitoIdentity, config, 'basic', username, {
			password: newPassword,
		});
		check(again.session.isValid(), 'the new password signs in');
		await expectError(
			signIn(AmazonCognitoIdentity, config, 'basic', username),
			'NotAuthorizedException',
		);
		return { result, newPasswordWorks: true, oldPasswordRejected: true };
	},
};
