// Use case 39: turning on email MFA and reading it back. setUserMfaPreference takes the
// original's SMS and TOTP settings and, as a fourth argument, the email settings;
// getUserData then lists EMAIL_OTP.
const { check, nodeCallback, signIn, signUpConfirmed } = require('../helpers.cjs');

module.exports = {
	id: '39',
	title: 'Preferring email MFA (setUserMfaPreference with email, getUserData)',
	async run(AmazonCognitoIdentity, config, log) {
		const { username } = await signUpConfirmed(AmazonCognitoIdentity, config, 'emailMfa', 'uc39');
		const { cognitoUser } = await signIn(AmazonCognitoIdentity, config, 'emailMfa', username);
		const emailMfaSettings = { PreferredMfa: true, Enabled: true };
		const result = await nodeCallback((cb) =>
			cognitoUser.setUserMfaPreference(null, null, cb, { email: emailMfaSettings }),
		);
		log('call result ' + result);
		check(result === 'SUCCESS', 'setUserMfaPreference answers SUCCESS');
		const data = await nodeCallback((cb) => cognitoUser.getUserData(cb, { bypassCache: true }));
		check(data.PreferredMfaSetting === 'EMAIL_OTP', `preferred: ${data.PreferredMfaSetting}`);
		check(
			(data.UserMFASettingList || []).includes('EMAIL_OTP'),
			`enabled: ${data.UserMFASettingList}`,
		);
		return {
			PreferredMfaSetting: data.PreferredMfaSetting,
			UserMFASettingList: data.UserMFASettingList,
		};
	},
};
