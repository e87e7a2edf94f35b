// Use case 26: keeping the tokens in cookies with CookieStorage. Node has no document.cookie,
// so the example gives it jsdom's, for a page on https://app.example.com.
const { check, nodeCallback, poolData, signUpConfirmed } = require('../helpers.cjs');

module.exports = {
	id: '26',
	title: 'Using cookies to store the tokens (CookieStorage)',
	async run(AmazonCognitoIdentity, config, log) {
		let JSDOM;
		try {
			({ JSDOM } = require('jsdom'));
		} catch {
			return { skipped: 'jsdom is not installed, so there is no document.cookie to write to' };
		}
		const { username } = await signUpConfirmed(AmazonCognitoIdentity, config, 'basic', 'uc26');
		const dom = new JSDOM('<!doctype html><title>app</title>', { url: 'https://app.example.com/' });
		const hadDocument = 'document' in globalThis;
		const previous = globalThis.document;
		globalThis.document = dom.window.document;
		try {
			const cookieOptions = { domain: 'app.example.com', secure: true, sameSite: 'strict' };
			const poolOptions = poolData(config, 'basic', {
				Storage: new AmazonCognitoIdentity.CookieStorage(cookieOptions),
			});
			const userPool = new AmazonCognitoIdentity.CognitoUserPool(poolOptions);
			const cognitoUser = new AmazonCognitoIdentity.CognitoUser({
				Username: username,
				Pool: userPool,
				Storage: new AmazonCognitoIdentity.CookieStorage(cookieOptions),
			});
			await new Promise((resolve, reject) =>
				cognitoUser.authenticateUser(
					new AmazonCognitoIdentity.AuthenticationDetails({
						Username: username,
						Password: config.password,
					}),
					{ onSuccess: resolve, onFailure: reject },
				),
			);
			const prefix = `CognitoIdentityServiceProvider.${userPool.getClientId()}`;
			const cookieNames = dom.window.document.cookie
				.split('; ')
				.map((c) => decodeURIComponent(c.split('=')[0]));
			log('cookies: ' + cookieNames.join(', '));
			check(cookieNames.includes(`${prefix}.LastAuthUser`), 'LastAuthUser is a cookie');
			check(cookieNames.includes(`${prefix}.${username}.idToken`), 'the id token is a cookie');

			// A later page load: a new pool with a new CookieStorage finds the user again.
			const nextPool = new AmazonCognitoIdentity.CognitoUserPool(
				poolData(config, 'basic', {
					Storage: new AmazonCognitoIdentity.CookieStorage(cookieOptions),
				}),
			);
			const current = nextPool.getCurrentUser();
			check(current && current.getUsername() === username, 'the user is read from cookies');
			const session = await nodeCallback((cb) => current.getSession(cb));
			check(session.isValid(), 'the session from cookies is valid');

			current.signOut();
			const left = dom.window.document.cookie;
			check(!left.includes('idToken'), 'sign-out removes the token cookies');
			return { cookies: cookieNames.length, restored: true };
		} finally {
			if (hadDocument) globalThis.document = previous;
			else delete globalThis.document;
			dom.window.close();
		}
	},
};
