// Use case 29: enabling TOTP MFA and making it the preferred method. A signed-in user first
// associates an authenticator (associateSoftwareToken / verifySoftwareToken with an access token).
const {
	check,
	settle,
	signIn,
	signInAnsweringMfa,
	signUpConfirmed,
	totpCode,
} = require('../helpers.cjs');

module.exports = {
	id: '29',
	title: 'Enabling TOTP MFA as the preferred method',
	async run(AmazonCognitoIdentity, config, log) {
		const { username } = await signUpConfirmed(
			AmazonCognitoIdentity,
			config,
			'mfaOptional',
			'uc29',
		);
		const { cognitoUser } = await signIn(AmazonCognitoIdentity, config, 'mfaOptional', username);
		const secret = await settle((resolve, reject) =>
			cognitoUser.associateSoftwareToken({ associateSecretCode: resolve, onFailure: reject }),
		);
		const verified = await settle((resolve, reject) =>
			cognitoUser.verifySoftwareToken(totpCode(secret), 'My TOTP device', {
				onSuccess: resolve,
				onFailure: reject,
			}),
		);
		check(verified.Status === 'SUCCESS', 'the authenticator is verified');

		const totpMfaSettings = { PreferredMfa: true, Enabled: true };
		const result = await new Promise((resolve, reject) => {
			cognitoUser.setUserMfaPreference(null, totpMfaSettings, function (err, res) {
				if (err) {
					reject(err);
					return;
				}
				log('call result ' + res);
				resolve(res);
			});
		});
		check(result === 'SUCCESS', 'setUserMfaPreference answers SUCCESS');
		const next = await signInAnsweringMfa(AmazonCognitoIdentity, config, 'mfaOptional', username, {
			totpSecret: secret,
		});
		check(next.seen.join() === 'totpRequired', `the next sign-in asks for TOTP (${next.seen})`);
		check(next.session.isValid(), 'and succeeds with the code');
		return { result, challenges: next.seen };
	},
};
