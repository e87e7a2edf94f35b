// Use case 4: signing in with SRP and building the Cognito Identity Logins map from the session.
const { check, jwtPayload, loginsFor, poolData, signUpConfirmed } = require('../helpers.cjs');

module.exports = {
	id: '4',
	title: 'Authenticating a user and establishing a session',
	async run(AmazonCognitoIdentity, config, log) {
		const { username } = await signUpConfirmed(AmazonCognitoIdentity, config, 'basic', 'uc04');

		const authenticationData = { Username: username, Password: config.password };
		const authenticationDetails = new AmazonCognitoIdentity.AuthenticationDetails(
			authenticationData,
		);
		const userPool = new AmazonCognitoIdentity.CognitoUserPool(poolData(config));
		const userData = { Username: username, Pool: userPool };
		const cognitoUser = new AmazonCognitoIdentity.CognitoUser(userData);
		const result = await new Promise((resolve, reject) => {
			cognitoUser.authenticateUser(authenticationDetails, {
				onSuccess: function (res) {
					resolve(res);
				},
				onFailure: function (err) {
					reject(err);
				},
			});
		});
		const accessToken = result.getAccessToken().getJwtToken();
		// Instead of AWS.CognitoIdentityCredentials (which would call AWS), show its Logins map.
		const Logins = loginsFor(config, userPool.getUserPoolId(), result);
		log('Logins keys: ' + Object.keys(Logins).join(', '));

		const access = jwtPayload(accessToken);
		check(result instanceof AmazonCognitoIdentity.CognitoUserSession, 'a CognitoUserSession');
		check(result.isValid(), 'the session is valid');
		check(access.username === username && access.token_use === 'access', 'access token claims');
		check(jwtPayload(result.getIdToken().getJwtToken()).aud === userPool.getClientId(), 'id aud');
		check(result.getRefreshToken().getToken().length > 0, 'a refresh token');
		check(userPool.getCurrentUser().getUsername() === username, 'LastAuthUser is stored');
		return {
			tokenUse: access.token_use,
			loginKey: Object.keys(Logins)[0],
			currentUser: userPool.getCurrentUser().getUsername(),
		};
	},
};
