// Use case 42: the README's async/await face (amazon-cognito-identity-js/promises): sign-up,
// confirmation, sign-in as steps, attributes, session and sign-out, each awaited.
const { check, jwtPayload, newUsername, poolData, readCode } = require('../helpers.cjs');

module.exports = {
	id: '42',
	title: 'Async/await: sign-up, sign-in as steps, attributes, sign-out',
	async run(AmazonCognitoIdentity, config, log, entries) {
		const p = await entries.promises();
		const { AuthenticationDetails, CognitoUserAttribute, CognitoUserPool } = AmazonCognitoIdentity;
		const pool = new CognitoUserPool(poolData(config));
		const username = newUsername(config, 'uc42');

		const attributes = [
			new CognitoUserAttribute({ Name: 'email', Value: `${username}@example.com` }),
		];
		const { user, userConfirmed } = await p.signUp(pool, username, config.password, { attributes });
		check(userConfirmed === false, 'the sign-up waits for its code');
		const code = await readCode(config, 'basic', username, 'confirmation');
		check(
			(await p.confirmSignUp(user, code, { forceAliasCreation: true })) === 'SUCCESS',
			'confirmed',
		);

		const details = new AuthenticationDetails({ Username: username, Password: config.password });
		const step = await p.signIn(user, details);
		check(step.kind === 'signedIn', `signed in at once (got ${step.kind})`);
		log(`signed in; device to confirm: ${step.userConfirmationNecessary}`);

		const session = await p.getSession(pool.getCurrentUser());
		check(session.isValid(), 'getSession finds the stored session');
		await p.updateAttributes(user, [new CognitoUserAttribute({ Name: 'nickname', Value: 'jo' })]);
		const names = (await p.getUserAttributes(user)).map((a) => `${a.getName()}=${a.getValue()}`);
		check(names.includes('nickname=jo'), 'the updated attribute reads back');
		await p.signOut(user);
		check(pool.getCurrentUser() === null, 'signed out: nothing stored');
		return {
			kind: step.kind,
			username: jwtPayload(step.session.getAccessToken().getJwtToken()).username,
			attributes: names.length,
		};
	},
};
