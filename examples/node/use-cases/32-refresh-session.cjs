// Use case 32: refreshing the session with the refresh token and updating the Logins map
// that AWS credentials would use.
const {
	check,
	loginsFor,
	memoryStorage,
	nodeCallback,
	poolData,
	signIn,
	signUpConfirmed,
} = require('../helpers.cjs');

module.exports = {
	id: '32',
	title: 'Handling expiration of the id token (refreshSession)',
	async run(AmazonCognitoIdentity, config, log) {
		const { username } = await signUpConfirmed(AmazonCognitoIdentity, config, 'basic', 'uc32');
		const storage = memoryStorage();
		await signIn(AmazonCognitoIdentity, config, 'basic', username, { storage });
		const userPool = new AmazonCognitoIdentity.CognitoUserPool(
			poolData(config, 'basic', { Storage: storage }),
		);
		const cognitoUser = userPool.getCurrentUser();
		const session = await nodeCallback((cb) => cognitoUser.getSession(cb));
		const credentialsParams = { Logins: loginsFor(config, userPool.getUserPoolId(), session) };
		const loginKey = Object.keys(credentialsParams.Logins)[0];

		const refresh_token = session.getRefreshToken();
		const refreshed = await new Promise((resolve, reject) => {
			cognitoUser.refreshSession(refresh_token, (err, newSession) => {
				if (err) {
					reject(err);
				} else {
					credentialsParams.Logins[loginKey] = newSession.getIdToken().getJwtToken();
					log('TOKEN SUCCESSFULLY UPDATED');
					resolve(newSession);
				}
			});
		});
		const oldId = session.getIdToken().getJwtToken();
		const newId = refreshed.getIdToken().getJwtToken();
		check(refreshed.isValid(), 'the refreshed session is valid');
		check(newId !== oldId, 'a new id token');
		check(credentialsParams.Logins[loginKey] === newId, 'the Logins map carries the new token');
		check(
			refreshed.getRefreshToken().getToken() === refresh_token.getToken(),
			'the refresh token is kept',
		);
		const stored = storage.keys().find((k) => k.endsWith(`.${username}.idToken`));
		check(storage.getItem(stored) === newId, 'the new tokens are cached');
		return { refreshed: true, refreshTokenKept: true };
	},
};
