// Use case 38: passwordless sign-up. The user signs up without a password, confirms with the
// code from the email, and is signed in right away: confirmRegistration carries SignUp's
// Session, and the USER_AUTH sign-in that follows on the same user object uses the Session
// ConfirmSignUp returned, so no second code is sent.
const {
	check,
	newUsername,
	nodeCallback,
	poolData,
	readCode,
	readMessages,
	recordActions,
} = require('../helpers.cjs');

module.exports = {
	id: '38',
	title: 'Passwordless sign-up, then signed in without a second code',
	async run(AmazonCognitoIdentity, config, log) {
		const username = newUsername(config, 'uc38');
		const userPool = new AmazonCognitoIdentity.CognitoUserPool(poolData(config, 'choice'));
		const attributeList = [
			new AmazonCognitoIdentity.CognitoUserAttribute({
				Name: 'email',
				Value: `${username}@example.com`,
			}),
		];
		const result = await nodeCallback((cb) =>
			userPool.signUp(username, null, attributeList, null, cb),
		);
		check(typeof result.session === 'string' && result.session !== '', 'SignUp returned a Session');
		const cognitoUser = result.user;
		const code = await readCode(config, 'choice', username, 'confirmation');
		const confirmed = await nodeCallback((cb) => cognitoUser.confirmRegistration(code, true, cb));
		check(confirmed === 'SUCCESS', 'confirmed');
		check(typeof cognitoUser.getChallengeSession() === 'string', 'the user holds a Session');
		log('confirmed; signing in with the Session from ConfirmSignUp');

		cognitoUser.setAuthenticationFlowType('USER_AUTH');
		const authenticationDetails = new AmazonCognitoIdentity.AuthenticationDetails({
			Username: username,
		});
		const recorder = recordActions();
		const session = await new Promise((resolve, reject) => {
			cognitoUser.authenticateUser(authenticationDetails, {
				onSuccess: resolve,
				onFailure: reject,
				selectChallenge: () => reject(new Error('asked to choose a factor')),
				emailOtpRequired: () => reject(new Error('asked for a second code')),
			});
		}).finally(recorder.stop);
		check(session.isValid(), 'a valid session');
		check(recorder.actions.join() === 'InitiateAuth', `one request (${recorder.actions})`);
		const otps = await readMessages(config, 'choice', username, 'email-otp');
		check(otps.length === 0, 'no sign-in code was sent');
		return { confirmed, requests: recorder.actions };
	},
};
