// Use case 10: the deprecated disableMFA.
const { check, nodeCallback, signInAnsweringMfa, signUpConfirmed } = require('../helpers.cjs');

module.exports = {
	id: '10',
	title: 'Disabling MFA for a user (deprecated disableMFA)',
	async run(AmazonCognitoIdentity, config, log) {
		const { username } = await signUpConfirmed(
			AmazonCognitoIdentity,
			config,
			'mfaOptional',
			'uc10',
			{ phone_number: '+15555550110' },
		);
		const first = await signInAnsweringMfa(AmazonCognitoIdentity, config, 'mfaOptional', username);
		await nodeCallback((cb) => first.cognitoUser.enableMFA(cb));
		const withMfa = await signInAnsweringMfa(
			AmazonCognitoIdentity,
			config,
			'mfaOptional',
			username,
		);
		check(withMfa.seen.join() === 'mfaRequired', 'MFA was on before');
		const cognitoUser = withMfa.cognitoUser;

		const result = await new Promise((resolve, reject) => {
			cognitoUser.disableMFA(function (err, res) {
				if (err) {
					reject(err);
					return;
				}
				log('call result: ' + res);
				resolve(res);
			});
		});
		check(result === 'SUCCESS', 'disableMFA answers SUCCESS');
		const data = await nodeCallback((cb) => cognitoUser.getUserData(cb, { bypassCache: true }));
		check(!(data.UserMFASettingList || []).includes('SMS_MFA'), 'SMS_MFA is off');
		const after = await signInAnsweringMfa(AmazonCognitoIdentity, config, 'mfaOptional', username);
		check(after.seen.length === 0, `no MFA challenge any more (${after.seen})`);
		return { result, challengesAfter: after.seen.length };
	},
};
