// Use case 33: choice-based sign-in (USER_AUTH). The pool offers the factors the user can use
// (SELECT_CHALLENGE); the user picks the password, which goes in the same request as the
// choice, so the whole sign-in is two round trips.
const { check, poolData, recordActions, signUpConfirmed } = require('../helpers.cjs');

module.exports = {
	id: '33',
	title: 'Choice-based sign-in: the user picks the password (SELECT_CHALLENGE)',
	async run(AmazonCognitoIdentity, config, log) {
		const { username } = await signUpConfirmed(AmazonCognitoIdentity, config, 'choice', 'uc33');
		const userPool = new AmazonCognitoIdentity.CognitoUserPool(poolData(config, 'choice'));
		const cognitoUser = new AmazonCognitoIdentity.CognitoUser({
			Username: username,
			Pool: userPool,
		});
		cognitoUser.setAuthenticationFlowType('USER_AUTH');
		// No password here: the user has not chosen a factor yet.
		const authenticationDetails = new AmazonCognitoIdentity.AuthenticationDetails({
			Username: username,
		});
		let offered;
		const recorder = recordActions();
		const session = await new Promise((resolve, reject) => {
			cognitoUser.authenticateUser(authenticationDetails, {
				onSuccess: resolve,
				onFailure: reject,
				selectChallenge: function (availableChallenges) {
					offered = availableChallenges;
					log('offered: ' + availableChallenges.join(', '));
					cognitoUser.sendChallengeSelection('PASSWORD', this, { password: config.password });
				},
			});
		}).finally(recorder.stop);
		check(Array.isArray(offered), 'selectChallenge was called with the available challenges');
		check(offered.includes('PASSWORD'), `PASSWORD is offered (${offered})`);
		check(offered.includes('EMAIL_OTP'), `EMAIL_OTP is offered (${offered})`);
		check(session.isValid(), 'a valid session');
		check(
			recorder.actions.join() === 'InitiateAuth,RespondToAuthChallenge',
			`one request for the choice and the password (${recorder.actions})`,
		);
		return { offered, requests: recorder.actions };
	},
};
