// Use case 16: restoring the signed-in user from storage in a later "page load".
const {
	check,
	loginsFor,
	memoryStorage,
	poolData,
	signIn,
	signUpConfirmed,
} = require('../helpers.cjs');

module.exports = {
	id: '16',
	title: 'Retrieving the current user from local storage',
	async run(AmazonCognitoIdentity, config, log) {
		const { username } = await signUpConfirmed(AmazonCognitoIdentity, config, 'basic', 'uc16');
		// Stands in for the browser's localStorage, which survives a reload.
		const storage = memoryStorage();
		await signIn(AmazonCognitoIdentity, config, 'basic', username, { storage });

		// Later, with new objects and only the storage left over:
		const userPool = new AmazonCognitoIdentity.CognitoUserPool(
			poolData(config, 'basic', { Storage: storage }),
		);
		const cognitoUser = userPool.getCurrentUser();
		check(cognitoUser != null, 'getCurrentUser finds the stored user');
		check(cognitoUser.getUsername() === username, 'the right user');

		const { session, attributes } = await new Promise((resolve, reject) => {
			cognitoUser.getSession(function (err, s) {
				if (err) {
					reject(err);
					return;
				}
				log('session validity: ' + s.isValid());
				// NOTE: getSession must be called to authenticate user before calling getUserAttributes
				cognitoUser.getUserAttributes(function (err2, attrs) {
					if (err2) reject(err2);
					else resolve({ session: s, attributes: attrs });
				});
			});
		});
		const Logins = loginsFor(config, userPool.getUserPoolId(), session);
		check(session.isValid(), 'the restored session is valid');
		check(
			attributes.some((a) => a.getName() === 'email'),
			'getUserAttributes works after getSession',
		);
		check(Object.values(Logins)[0] === session.getIdToken().getJwtToken(), 'Logins map');
		return { username: cognitoUser.getUsername(), valid: session.isValid() };
	},
};
