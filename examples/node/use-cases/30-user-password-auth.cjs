// Use case 30: the USER_PASSWORD_AUTH flow (the password goes to the service over TLS instead
// of SRP), first without MFA, then for the same user with SMS MFA turned on.
const { check, nodeCallback, poolData, readCode, signUpConfirmed } = require('../helpers.cjs');

module.exports = {
	id: '30',
	title: 'Authenticating with the user password auth flow',
	async run(AmazonCognitoIdentity, config, log) {
		const { username } = await signUpConfirmed(
			AmazonCognitoIdentity,
			config,
			'mfaOptional',
			'uc30',
			{ phone_number: '+15555550130' },
		);
		const authenticationDetails = new AmazonCognitoIdentity.AuthenticationDetails({
			Username: username,
			Password: config.password,
		});
		function signInOnce() {
			const userPool = new AmazonCognitoIdentity.CognitoUserPool(poolData(config, 'mfaOptional'));
			const cognitoUser = new AmazonCognitoIdentity.CognitoUser({
				Username: username,
				Pool: userPool,
			});
			const calls = [];
			cognitoUser.setAuthenticationFlowType('USER_PASSWORD_AUTH');
			return new Promise((resolve, reject) => {
				cognitoUser.authenticateUser(authenticationDetails, {
					onSuccess: function (result) {
						calls.push('onSuccess');
						resolve({ cognitoUser, calls, session: result });
					},
					onFailure: function (err) {
						reject(err);
					},
					mfaRequired: function () {
						calls.push('mfaRequired');
						readCode(config, 'mfaOptional', username, 'sms-mfa').then(
							(verificationCode) => cognitoUser.sendMFACode(verificationCode, this),
							reject,
						);
					},
				});
			});
		}
		const plain = await signInOnce();
		check(plain.calls.join() === 'onSuccess', `signed in directly (${plain.calls})`);
		check(plain.cognitoUser.getAuthenticationFlowType() === 'USER_PASSWORD_AUTH', 'flow type');
		await nodeCallback((cb) =>
			plain.cognitoUser.setUserMfaPreference({ PreferredMfa: true, Enabled: true }, null, cb),
		);
		const withMfa = await signInOnce();
		log('with SMS MFA: ' + withMfa.calls.join(' → '));
		check(withMfa.calls.join() === 'mfaRequired,onSuccess', `SMS code asked (${withMfa.calls})`);
		check(withMfa.session.isValid(), 'the session is valid');
		return { plain: plain.calls, withMfa: withMfa.calls };
	},
};
