// Use case 17: integrating with Cognito Identity (federated identities). The AWS SDK part is
// not called; the example builds the Logins map that AWS.CognitoIdentityCredentials expects.
const {
	check,
	jwtPayload,
	memoryStorage,
	poolData,
	signIn,
	signUpConfirmed,
} = require('../helpers.cjs');

module.exports = {
	id: '17',
	title: 'Integrating User Pools with Cognito Identity (Logins map)',
	async run(AmazonCognitoIdentity, config, log) {
		const { username } = await signUpConfirmed(AmazonCognitoIdentity, config, 'basic', 'uc17');
		const storage = memoryStorage();
		await signIn(AmazonCognitoIdentity, config, 'basic', username, { storage });
		const userPool = new AmazonCognitoIdentity.CognitoUserPool(
			poolData(config, 'basic', { Storage: storage }),
		);
		const cognitoUser = userPool.getCurrentUser();
		check(cognitoUser != null, 'a current user');

		const credentialsParams = await new Promise((resolve, reject) => {
			cognitoUser.getSession(function (err, result) {
				if (!result) {
					reject(err);
					return;
				}
				log('You are now logged in.');
				const region = userPool.getUserPoolId().split('_')[0];
				resolve({
					IdentityPoolId: 'us-east-1:00000000-0000-0000-0000-000000000000',
					Logins: {
						['cognito-idp.' + region + '.amazonaws.com/' + userPool.getUserPoolId()]: result
							.getIdToken()
							.getJwtToken(),
					},
				});
			});
		});
		const [key, idToken] = Object.entries(credentialsParams.Logins)[0];
		const claims = jwtPayload(idToken);
		check(
			key === `cognito-idp.${config.region}.amazonaws.com/${userPool.getUserPoolId()}`,
			`the provider key (${key})`,
		);
		check(claims.token_use === 'id', 'the value is an id token');
		check(claims['cognito:username'] === username, 'of the signed-in user');
		check(claims.aud === userPool.getClientId(), 'issued to this app client');
		return { key, tokenUse: claims.token_use };
	},
};
