// Use case 27: choosing an MFA method and signing in with TOTP, on a pool where MFA is required.
// First sign-in: MFA_SETUP (associate and verify an authenticator). Second: the TOTP code.
// Once the user also has a phone number they choose between SMS and TOTP (SELECT_MFA_TYPE).
const {
	check,
	nodeCallback,
	poolData,
	readCode,
	signUpConfirmed,
	totpCode,
} = require('../helpers.cjs');

module.exports = {
	id: '27',
	title: 'Selecting the MFA method and authenticating with TOTP',
	async run(AmazonCognitoIdentity, config, log) {
		const { username } = await signUpConfirmed(AmazonCognitoIdentity, config, 'mfaOn', 'uc27');
		let secret;

		/** The README's callbacks; `mfaType` is what the user picks when asked. */
		function signInOnce(mfaType) {
			const authenticationDetails = new AmazonCognitoIdentity.AuthenticationDetails({
				Username: username,
				Password: config.password,
			});
			const userPool = new AmazonCognitoIdentity.CognitoUserPool(poolData(config, 'mfaOn'));
			const cognitoUser = new AmazonCognitoIdentity.CognitoUser({
				Username: username,
				Pool: userPool,
			});
			const calls = [];
			return new Promise((resolve, reject) => {
				cognitoUser.authenticateUser(authenticationDetails, {
					onSuccess: function (result) {
						calls.push('onSuccess');
						resolve({ cognitoUser, calls, accessToken: result.getAccessToken().getJwtToken() });
					},
					onFailure: function (err) {
						reject(err);
					},
					mfaSetup: function () {
						calls.push('mfaSetup');
						cognitoUser.associateSoftwareToken(this);
					},
					associateSecretCode: function (secretCode) {
						calls.push('associateSecretCode');
						secret = secretCode; // the user scans it into an authenticator app
						const challengeAnswer = totpCode(secret);
						cognitoUser.verifySoftwareToken(challengeAnswer, 'My TOTP device', this);
					},
					selectMFAType: function () {
						calls.push('selectMFAType');
						cognitoUser.sendMFASelectionAnswer(mfaType, this);
					},
					totpRequired: function () {
						calls.push('totpRequired');
						const challengeAnswer = totpCode(secret);
						cognitoUser.sendMFACode(challengeAnswer, this, 'SOFTWARE_TOKEN_MFA');
					},
					mfaRequired: function () {
						calls.push('mfaRequired');
						readCode(config, 'mfaOn', username, 'sms-mfa').then(
							(verificationCode) => cognitoUser.sendMFACode(verificationCode, this),
							reject,
						);
					},
				});
			});
		}

		const setup = await signInOnce();
		log('first sign-in: ' + setup.calls.join(' → '));
		check(setup.calls.join() === 'mfaSetup,associateSecretCode,onSuccess', 'MFA setup');
		const totp = await signInOnce();
		check(totp.calls.join() === 'totpRequired,onSuccess', `TOTP asked (${totp.calls})`);

		const phone = new AmazonCognitoIdentity.CognitoUserAttribute({
			Name: 'phone_number',
			Value: '+15555550127',
		});
		await nodeCallback((cb) => totp.cognitoUser.updateAttributes([phone], cb));
		const pickTotp = await signInOnce('SOFTWARE_TOKEN_MFA');
		check(
			pickTotp.calls.join() === 'selectMFAType,totpRequired,onSuccess',
			`choosing TOTP (${pickTotp.calls})`,
		);
		const pickSms = await signInOnce('SMS_MFA');
		check(
			pickSms.calls.join() === 'selectMFAType,mfaRequired,onSuccess',
			`choosing SMS (${pickSms.calls})`,
		);
		return {
			setup: setup.calls,
			totp: totp.calls,
			selectTotp: pickTotp.calls,
			selectSms: pickSms.calls,
		};
	},
};
