// Use case 25: a passwordless custom flow. The pool needs custom-auth triggers; the local pool's
// "basic" profile is created with its built-in ones (LambdaConfig: ONE_TIME_CODE_TRIGGERS), which
// send a one-time code (to the outbox) and accept it as the answer; a wrong answer gets another
// challenge.
const { check, poolData, readCode, signUpConfirmed } = require('../helpers.cjs');

module.exports = {
	id: '25',
	title: 'Passwordless custom authentication flow',
	async run(AmazonCognitoIdentity, config, log) {
		const { username } = await signUpConfirmed(AmazonCognitoIdentity, config, 'basic', 'uc25');
		const userPool = new AmazonCognitoIdentity.CognitoUserPool(poolData(config));
		const cognitoUser = new AmazonCognitoIdentity.CognitoUser({
			Username: username,
			Pool: userPool,
		});
		const authenticationDetails = new AmazonCognitoIdentity.AuthenticationDetails({
			Username: username,
		});

		const challenges = [];
		cognitoUser.setAuthenticationFlowType('CUSTOM_AUTH');
		const session = await new Promise((resolve, reject) => {
			cognitoUser.initiateAuth(authenticationDetails, {
				onSuccess: function (result) {
					resolve(result);
				},
				onFailure: function (err) {
					reject(err);
				},
				customChallenge: function (challengeParameters) {
					challenges.push(challengeParameters);
					log('custom challenge: ' + JSON.stringify(challengeParameters));
					if (challenges.length === 1) {
						// A mistyped answer first: the flow asks again.
						cognitoUser.sendCustomChallengeAnswer('000000-wrong', this);
						return;
					}
					readCode(config, 'basic', username, 'custom-challenge').then((challengeAnswer) => {
						cognitoUser.sendCustomChallengeAnswer(challengeAnswer, this);
					}, reject);
				},
			});
		});
		check(challenges.length === 2, `two challenges (${challenges.length})`);
		check(challenges[0].USERNAME === username, 'the challenge names the user');
		check(session.isValid(), 'the right answer signs the user in');
		check(cognitoUser.getAuthenticationFlowType() === 'CUSTOM_AUTH', 'the flow type');
		return { challenges: challenges.length, signedIn: true };
	},
};
