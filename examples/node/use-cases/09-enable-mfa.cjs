// Use case 9: the deprecated enableMFA (SMS MFA through SetUserSettings) on an MFA OPTIONAL pool.
const {
	check,
	nodeCallback,
	signIn,
	signInAnsweringMfa,
	signUpConfirmed,
} = require('../helpers.cjs');

module.exports = {
	id: '9',
	title: 'Enabling MFA for a user (deprecated enableMFA)',
	async run(AmazonCognitoIdentity, config, log) {
		const { username } = await signUpConfirmed(
			AmazonCognitoIdentity,
			config,
			'mfaOptional',
			'uc09',
			{ phone_number: '+15555550109' },
		);
		const { cognitoUser } = await signIn(AmazonCognitoIdentity, config, 'mfaOptional', username);

		const result = await new Promise((resolve, reject) => {
			cognitoUser.enableMFA(function (err, res) {
				if (err) {
					reject(err);
					return;
				}
				log('call result: ' + res);
				resolve(res);
			});
		});
		check(result === 'SUCCESS', 'enableMFA answers SUCCESS');
		const data = await nodeCallback((cb) => cognitoUser.getUserData(cb, { bypassCache: true }));
		check(
			Array.isArray(data.UserMFASettingList) && data.UserMFASettingList.includes('SMS_MFA'),
			'SMS_MFA is enabled',
		);
		// The next sign-in asks for the texted code.
		const next = await signInAnsweringMfa(AmazonCognitoIdentity, config, 'mfaOptional', username);
		check(next.seen.join() === 'mfaRequired', `the sign-in asked for SMS MFA (${next.seen})`);
		check(next.session.isValid(), 'the MFA sign-in succeeds');
		return { result, mfa: data.UserMFASettingList, challenges: next.seen };
	},
};
