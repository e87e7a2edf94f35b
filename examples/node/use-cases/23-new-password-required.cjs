// Use case 23: a user created by an administrator (AdminCreateUser) signs in with the temporary
// password from their invitation and must choose a new one.
const { check, poolData, readCode, signIn } = require('../helpers.cjs');

module.exports = {
	id: '23',
	title: 'New password for a user created with AdminCreateUser',
	async run(AmazonCognitoIdentity, config, log) {
		const invited = config.invitedUser;
		if (!invited) {
			return { skipped: 'no invitedUser in the configuration (an administrator creates it)' };
		}
		const profile = invited.profile || 'basic';
		const username = invited.username;
		const temporaryPassword = await readCode(config, profile, username, 'invitation');
		const newPassword = config.password + 'New1';

		const userPool = new AmazonCognitoIdentity.CognitoUserPool(poolData(config, profile));
		const cognitoUser = new AmazonCognitoIdentity.CognitoUser({
			Username: username,
			Pool: userPool,
		});
		const authenticationDetails = new AmazonCognitoIdentity.AuthenticationDetails({
			Username: username,
			Password: temporaryPassword,
		});
		let sessionUserAttributes;
		let required;
		const session = await new Promise((resolve, reject) => {
			const callbacks = {
				onSuccess: function (result) {
					resolve(result);
				},
				onFailure: function (err) {
					reject(err);
				},
				mfaRequired: function () {
					reject(new Error('no MFA expected'));
				},
				newPasswordRequired: function (userAttributes, requiredAttributes) {
					// the api doesn't accept this field back
					delete userAttributes.email_verified;
					sessionUserAttributes = userAttributes;
					required = requiredAttributes;
					log('new password required; attributes: ' + Object.keys(userAttributes).join(', '));
					// The app would show a form here; its submit handler then calls:
					handleNewPassword(newPassword);
				},
			};
			function handleNewPassword(password) {
				cognitoUser.completeNewPasswordChallenge(password, sessionUserAttributes, callbacks);
			}
			cognitoUser.authenticateUser(authenticationDetails, callbacks);
		});
		check(Array.isArray(required), 'requiredAttributes is a list');
		check(sessionUserAttributes.email === `${username}@example.com`, 'the user attributes');
		check(session.isValid(), 'the new password completes the sign-in');
		const again = await signIn(AmazonCognitoIdentity, config, profile, username, {
			password: newPassword,
		});
		check(again.session.isValid(), 'the new password works from now on');
		return { attributes: Object.keys(sessionUserAttributes).sort(), newPasswordWorks: true };
	},
};
