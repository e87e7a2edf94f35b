// Use case 2: confirming a registered user with the code they received.
const { check, newUsername, nodeCallback, poolData, readCode, signIn } = require('../helpers.cjs');

module.exports = {
	id: '2',
	title: 'Confirming a registered, unauthenticated user',
	async run(AmazonCognitoIdentity, config, log) {
		const userPool = new AmazonCognitoIdentity.CognitoUserPool(poolData(config));
		const username = newUsername(config, 'uc02');
		const email = new AmazonCognitoIdentity.CognitoUserAttribute({
			Name: 'email',
			Value: `${username}@example.com`,
		});
		await nodeCallback((cb) => userPool.signUp(username, config.password, [email], null, cb));

		const cognitoUser = new AmazonCognitoIdentity.CognitoUser({
			Username: username,
			Pool: userPool,
		});
		const code = await readCode(config, 'basic', username, 'confirmation');
		const result = await new Promise((resolve, reject) => {
			cognitoUser.confirmRegistration(code, true, function (err, res) {
				if (err) {
					reject(err);
					return;
				}
				log('call result: ' + res);
				resolve(res);
			});
		});
		check(result === 'SUCCESS', 'confirmRegistration answers SUCCESS');
		// A confirmed user can sign in.
		const { session } = await signIn(AmazonCognitoIdentity, config, 'basic', username);
		check(session.isValid(), 'the confirmed user signs in');
		return { result, signedIn: true };
	},
};
