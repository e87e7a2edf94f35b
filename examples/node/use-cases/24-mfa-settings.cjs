// Use case 24: reading the user's MFA settings from getUserData.
const { check, nodeCallback, signIn, signUpConfirmed } = require('../helpers.cjs');

module.exports = {
	id: '24',
	title: 'Retrieving the MFA settings of the user',
	async run(AmazonCognitoIdentity, config, log) {
		const { username } = await signUpConfirmed(
			AmazonCognitoIdentity,
			config,
			'mfaOptional',
			'uc24',
			{ phone_number: '+15555550124' },
		);
		const { cognitoUser } = await signIn(AmazonCognitoIdentity, config, 'mfaOptional', username);
		await nodeCallback((cb) =>
			cognitoUser.setUserMfaPreference({ PreferredMfa: true, Enabled: true }, null, cb),
		);

		const settings = await new Promise((resolve, reject) => {
			cognitoUser.getUserData((err, data) => {
				if (err) {
					reject(err);
					return;
				}
				const { PreferredMfaSetting, UserMFASettingList } = data;
				log(JSON.stringify({ PreferredMfaSetting, UserMFASettingList }));
				resolve({ PreferredMfaSetting, UserMFASettingList });
			});
		});
		check(settings.PreferredMfaSetting === 'SMS_MFA', 'SMS is preferred');
		check(JSON.stringify(settings.UserMFASettingList) === '["SMS_MFA"]', 'SMS is enabled');
		return settings;
	},
};
