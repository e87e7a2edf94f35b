// Use case 40: the factors a user can sign in with (GetUserAuthFactors), e.g. to show which
// sign-in options a settings page can offer.
const { check, nodeCallback, signIn, signUpConfirmed } = require('../helpers.cjs');

module.exports = {
	id: '40',
	title: 'Listing the sign-in factors of a user (getUserAuthFactors)',
	async run(AmazonCognitoIdentity, config, log) {
		const { username } = await signUpConfirmed(AmazonCognitoIdentity, config, 'choice', 'uc40');
		const { cognitoUser } = await signIn(AmazonCognitoIdentity, config, 'choice', username);
		const factors = await nodeCallback((cb) => cognitoUser.getUserAuthFactors(cb));
		log('configured factors: ' + factors.ConfiguredUserAuthFactors);
		check(factors.Username === username, 'the reply names the user');
		const configured = factors.ConfiguredUserAuthFactors || [];
		check(configured.includes('PASSWORD'), 'the user has a password');
		check(configured.includes('EMAIL_OTP'), 'the verified email can take codes');
		check(!configured.includes('SMS_OTP'), 'no phone number, so no SMS codes');
		return { ConfiguredUserAuthFactors: configured };
	},
};
