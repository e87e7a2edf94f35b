// Use case 12: the forgot-password flow, with the code entered from inputVerificationCode.
const {
	check,
	expectError,
	poolData,
	readCode,
	signIn,
	signUpConfirmed,
} = require('../helpers.cjs');

module.exports = {
	id: '12',
	title: 'Forgot password flow',
	async run(AmazonCognitoIdentity, config, log) {
		const { username } = await signUpConfirmed(AmazonCognitoIdentity, config, 'basic', 'uc12');
		const userPool = new AmazonCognitoIdentity.CognitoUserPool(poolData(config));
		const cognitoUser = new AmazonCognitoIdentity.CognitoUser({
			Username: username,
			Pool: userPool,
		});
		const newPassword = config.password + 'Reset1';

		let deliveredTo;
		await new Promise((resolve, reject) => {
			cognitoUser.forgotPassword({
				onSuccess: function (data) {
					// Not called: inputVerificationCode takes its place.
					reject(new Error('onSuccess instead of inputVerificationCode: ' + JSON.stringify(data)));
				},
				onFailure: function (err) {
					reject(err);
				},
				inputVerificationCode: function (data) {
					deliveredTo = data.CodeDeliveryDetails;
					log('Code sent to: ' + JSON.stringify(data.CodeDeliveryDetails));
					// In a page these come from the form; here the code comes from the outbox.
					readCode(config, 'basic', username, 'forgot-password').then((verificationCode) => {
						cognitoUser.confirmPassword(verificationCode, newPassword, {
							onSuccess() {
								log('Password confirmed!');
								resolve();
							},
							onFailure(err) {
								log('Password not confirmed!');
								reject(err);
							},
						});
					}, reject);
				},
			});
		});
		check(deliveredTo && deliveredTo.DeliveryMedium === 'EMAIL', 'the code went by e-mail');
		const again = await signIn(AmazonCognitoIdentity, config, 'basic', username, {
			password: newPassword,
		});
		check(again.session.isValid(), 'the new password signs in');
		await expectError(
			signIn(AmazonCognitoIdentity, config, 'basic', username),
			'NotAuthorizedException',
		);
		return { deliveredTo: deliveredTo.AttributeName, newPasswordWorks: true };
	},
};
