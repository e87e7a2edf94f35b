// Use case 28: enabling SMS MFA and making it the preferred method.
const { check, signIn, signInAnsweringMfa, signUpConfirmed } = require('../helpers.cjs');

module.exports = {
	id: '28',
	title: 'Enabling SMS MFA as the preferred method',
	async run(AmazonCognitoIdentity, config, log) {
		const { username } = await signUpConfirmed(
			AmazonCognitoIdentity,
			config,
			'mfaOptional',
			'uc28',
			{ phone_number: '+15555550128' },
		);
		const { cognitoUser } = await signIn(AmazonCognitoIdentity, config, 'mfaOptional', username);

		const smsMfaSettings = { PreferredMfa: true, Enabled: true };
		const result = await new Promise((resolve, reject) => {
			cognitoUser.setUserMfaPreference(smsMfaSettings, null, function (err, res) {
				if (err) {
					reject(err);
					return;
				}
				log('call result ' + res);
				resolve(res);
			});
		});
		check(result === 'SUCCESS', 'setUserMfaPreference answers SUCCESS');
		const next = await signInAnsweringMfa(AmazonCognitoIdentity, config, 'mfaOptional', username);
		check(next.seen.join() === 'mfaRequired', `the next sign-in texts a code (${next.seen})`);
		check(next.session.isValid(), 'and succeeds with it');
		return { result, challenges: next.seen };
	},
};
