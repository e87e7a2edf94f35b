// Use case 35: passwordless sign-in with a code sent by SMS (USER_AUTH, PreferredChallenge
// SMS_OTP). The pool sends SMS codes only to a verified phone number, so the user verifies it
// first (as in use case 6); the code is answered with the original's sendMFACode.
const {
	check,
	poolData,
	readCode,
	readOtpCode,
	signIn,
	signUpConfirmed,
} = require('../helpers.cjs');

module.exports = {
	id: '35',
	title: 'Passwordless sign-in with an SMS code (SMS_OTP)',
	async run(AmazonCognitoIdentity, config, log) {
		const { username } = await signUpConfirmed(AmazonCognitoIdentity, config, 'choice', 'uc35', {
			phone_number: '+15555550135',
		});
		const signedIn = await signIn(AmazonCognitoIdentity, config, 'choice', username);
		await new Promise((resolve, reject) => {
			signedIn.cognitoUser.getAttributeVerificationCode('phone_number', {
				onSuccess: resolve,
				onFailure: reject,
				inputVerificationCode: function () {
					readCode(config, 'choice', username, 'attribute-verification').then(
						(code) => signedIn.cognitoUser.verifyAttribute('phone_number', code, this),
						reject,
					);
				},
			});
		});

		const userPool = new AmazonCognitoIdentity.CognitoUserPool(poolData(config, 'choice'));
		const cognitoUser = new AmazonCognitoIdentity.CognitoUser({
			Username: username,
			Pool: userPool,
		});
		cognitoUser.setAuthenticationFlowType('USER_AUTH');
		const authenticationDetails = new AmazonCognitoIdentity.AuthenticationDetails({
			Username: username,
			PreferredChallenge: 'SMS_OTP',
		});
		let delivery;
		const session = await new Promise((resolve, reject) => {
			cognitoUser.authenticateUser(authenticationDetails, {
				onSuccess: resolve,
				onFailure: reject,
				smsOtpRequired: function (challengeName, challengeParameters) {
					delivery = challengeParameters;
					log(`code sent to ${challengeParameters.CODE_DELIVERY_DESTINATION}`);
					readOtpCode(config, 'choice', username, challengeName).then(
						(code) => cognitoUser.sendMFACode(code, this, 'SMS_OTP'),
						reject,
					);
				},
			});
		});
		check(delivery.CODE_DELIVERY_DELIVERY_MEDIUM === 'SMS', 'the code went by SMS');
		check(session.isValid(), 'a valid session');
		return { medium: delivery.CODE_DELIVERY_DELIVERY_MEDIUM, signedIn: true };
	},
};
