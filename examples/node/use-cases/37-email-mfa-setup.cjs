// Use case 37: setting up email MFA during sign-in. On a pool where MFA is required, a user
// without an MFA method gets MFA_SETUP; they give the email address the codes go to
// (setupEmailMfa), and the pool emails a code at once (EMAIL_OTP).
const { check, nodeCallback, poolData, readCode, signUpConfirmed } = require('../helpers.cjs');

module.exports = {
	id: '37',
	title: 'Setting up email MFA during sign-in (MFA_SETUP, setupEmailMfa)',
	async run(AmazonCognitoIdentity, config, log) {
		const { username } = await signUpConfirmed(AmazonCognitoIdentity, config, 'emailMfaOn', 'uc37');
		const userPool = new AmazonCognitoIdentity.CognitoUserPool(poolData(config, 'emailMfaOn'));
		const cognitoUser = new AmazonCognitoIdentity.CognitoUser({
			Username: username,
			Pool: userPool,
		});
		const authenticationDetails = new AmazonCognitoIdentity.AuthenticationDetails({
			Username: username,
			Password: config.password,
		});
		const calls = [];
		let canSetUp = [];
		const session = await new Promise((resolve, reject) => {
			cognitoUser.authenticateUser(authenticationDetails, {
				onSuccess: function (result) {
					calls.push('onSuccess');
					resolve(result);
				},
				onFailure: reject,
				mfaSetup: function (challengeName, challengeParameters) {
					calls.push('mfaSetup');
					canSetUp = JSON.parse(challengeParameters.MFAS_CAN_SETUP);
					log('can set up: ' + canSetUp.join(', '));
					cognitoUser.setupEmailMfa(`${username}@example.com`, this);
				},
				emailOtpRequired: function () {
					calls.push('emailOtpRequired');
					readCode(config, 'emailMfaOn', username, 'email-mfa').then(
						(code) => cognitoUser.sendOtpCode(code, this),
						reject,
					);
				},
			});
		});
		check(calls.join() === 'mfaSetup,emailOtpRequired,onSuccess', `email MFA set up (${calls})`);
		check(canSetUp.includes('EMAIL_OTP'), `email MFA could be set up (${canSetUp})`);
		check(session.isValid(), 'a valid session');
		const data = await nodeCallback((cb) => cognitoUser.getUserData(cb, { bypassCache: true }));
		check(
			(data.UserMFASettingList || []).includes('EMAIL_OTP'),
			`email MFA is now on (${data.UserMFASettingList})`,
		);
		return { calls, canSetUp, mfa: data.UserMFASettingList };
	},
};
