// Use case 36: email as the MFA method. After the password the pool emails a code (EMAIL_OTP);
// the original's sendMFACode answers it with the type 'EMAIL_OTP'. Once the user also has an
// authenticator and prefers neither, they choose: SELECT_MFA_TYPE offers EMAIL_OTP.
const {
	check,
	nodeCallback,
	poolData,
	readCode,
	signIn,
	signUpConfirmed,
	totpCode,
} = require('../helpers.cjs');

module.exports = {
	id: '36',
	title: 'Email MFA after the password, and choosing it (SELECT_MFA_TYPE)',
	async run(AmazonCognitoIdentity, config, log) {
		const { username } = await signUpConfirmed(AmazonCognitoIdentity, config, 'emailMfa', 'uc36');
		const first = await signIn(AmazonCognitoIdentity, config, 'emailMfa', username);
		await nodeCallback((cb) =>
			first.cognitoUser.setUserMfaPreference(null, null, cb, {
				email: { Enabled: true, PreferredMfa: true },
			}),
		);

		let canChoose = [];

		/** Signs in with the password; `answer` is how the email code is sent back. */
		function signInOnce(answer) {
			const userPool = new AmazonCognitoIdentity.CognitoUserPool(poolData(config, 'emailMfa'));
			const cognitoUser = new AmazonCognitoIdentity.CognitoUser({
				Username: username,
				Pool: userPool,
			});
			const authenticationDetails = new AmazonCognitoIdentity.AuthenticationDetails({
				Username: username,
				Password: config.password,
			});
			const calls = [];
			return new Promise((resolve, reject) => {
				cognitoUser.authenticateUser(authenticationDetails, {
					onSuccess: function (session) {
						calls.push('onSuccess');
						resolve({ session, calls, cognitoUser });
					},
					onFailure: reject,
					selectMFAType: function (challengeName, challengeParameters) {
						calls.push('selectMFAType');
						canChoose = JSON.parse(challengeParameters.MFAS_CAN_CHOOSE);
						log('can choose: ' + canChoose.join(', '));
						cognitoUser.sendMFASelectionAnswer('EMAIL_OTP', this);
					},
					emailOtpRequired: function () {
						calls.push('emailOtpRequired');
						readCode(config, 'emailMfa', username, 'email-mfa').then(
							(code) => answer(cognitoUser, code, this),
							reject,
						);
					},
				});
			});
		}

		const preferred = await signInOnce((user, code, callbacks) =>
			user.sendMFACode(code, callbacks, 'EMAIL_OTP'),
		);
		check(
			preferred.calls.join() === 'emailOtpRequired,onSuccess',
			`email MFA (${preferred.calls})`,
		);
		check(preferred.session.isValid(), 'a valid session after the email code');

		// An authenticator too, and no preference: the user chooses at each sign-in.
		const user = preferred.cognitoUser;
		const secret = await new Promise((resolve, reject) =>
			user.associateSoftwareToken({ associateSecretCode: resolve, onFailure: reject }),
		);
		await new Promise((resolve, reject) =>
			user.verifySoftwareToken(totpCode(secret), 'My TOTP device', {
				onSuccess: resolve,
				onFailure: reject,
			}),
		);
		await nodeCallback((cb) =>
			user.setUserMfaPreference(null, { Enabled: true, PreferredMfa: false }, cb, {
				email: { Enabled: true, PreferredMfa: false },
			}),
		);
		const chosen = await signInOnce((u, code, callbacks) => u.sendOtpCode(code, callbacks));
		check(
			chosen.calls.join() === 'selectMFAType,emailOtpRequired,onSuccess',
			`choosing email (${chosen.calls})`,
		);
		check(canChoose.includes('EMAIL_OTP'), `EMAIL_OTP could be chosen (${canChoose})`);
		return { preferred: preferred.calls, chosen: chosen.calls, canChoose };
	},
};
