// Use case 34: passwordless sign-in with a code sent by email (USER_AUTH, PreferredChallenge
// EMAIL_OTP). In an app the user types the code from the email; here it comes from the outbox.
const { check, poolData, readOtpCode, signUpConfirmed } = require('../helpers.cjs');

module.exports = {
	id: '34',
	title: 'Passwordless sign-in with an email code (EMAIL_OTP)',
	async run(AmazonCognitoIdentity, config, log) {
		const { username } = await signUpConfirmed(AmazonCognitoIdentity, config, 'choice', 'uc34');
		const userPool = new AmazonCognitoIdentity.CognitoUserPool(poolData(config, 'choice'));
		const cognitoUser = new AmazonCognitoIdentity.CognitoUser({
			Username: username,
			Pool: userPool,
		});
		cognitoUser.setAuthenticationFlowType('USER_AUTH');
		const authenticationDetails = new AmazonCognitoIdentity.AuthenticationDetails({
			Username: username,
			PreferredChallenge: 'EMAIL_OTP',
		});
		let delivery;
		const session = await new Promise((resolve, reject) => {
			cognitoUser.authenticateUser(authenticationDetails, {
				onSuccess: resolve,
				onFailure: reject,
				emailOtpRequired: function (challengeName, challengeParameters) {
					delivery = challengeParameters;
					log(`code sent to ${challengeParameters.CODE_DELIVERY_DESTINATION}`);
					readOtpCode(config, 'choice', username, challengeName).then(
						(code) => cognitoUser.sendOtpCode(code, this),
						reject,
					);
				},
			});
		});
		check(delivery.CODE_DELIVERY_DELIVERY_MEDIUM === 'EMAIL', 'the code went by email');
		check(
			delivery.CODE_DELIVERY_DESTINATION !== `${username}@example.com`,
			'the destination is masked',
		);
		check(session.isValid(), 'a valid session');
		check(
			session.getIdToken().payload['cognito:username'] === username,
			'the id token names the user',
		);
		return { medium: delivery.CODE_DELIVERY_DELIVERY_MEDIUM, signedIn: true };
	},
};
