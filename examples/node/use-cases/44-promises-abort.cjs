// Use case 44: the README's cancelling example: a call given an aborted signal rejects with an
// AbortError and a sign-in aborted in flight stores nothing.
/* global AbortController */
const { check, signUpConfirmed } = require('../helpers.cjs');

module.exports = {
	id: '44',
	title: 'Async/await: cancelling a call with an AbortSignal',
	async run(AmazonCognitoIdentity, config, log, entries) {
		const p = await entries.promises();
		const { username, userPool } = await signUpConfirmed(
			AmazonCognitoIdentity,
			config,
			'basic',
			'uc44',
		);
		const user = new AmazonCognitoIdentity.CognitoUser({ Username: username, Pool: userPool });
		const details = new AmazonCognitoIdentity.AuthenticationDetails({
			Username: username,
			Password: config.password,
		});

		const controller = new AbortController();
		const pending = p.signIn(user, details, { signal: controller.signal });
		controller.abort();
		const error = await pending.then(
			() => null,
			(err) => err,
		);
		check(
			error && error.name === 'AbortError',
			`rejects with an AbortError (${error && error.name})`,
		);
		check(userPool.getCurrentUser() === null, 'nothing was stored');

		const step = await p.signIn(user, details, { signal: new AbortController().signal });
		check(step.kind === 'signedIn', 'the same user signs in with a live signal');
		log('aborted, then signed in');
		return { aborted: error.name, then: step.kind };
	},
};
