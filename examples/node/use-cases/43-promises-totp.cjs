// Use case 43: the README's step loop on a pool where MFA is required: the first sign-in sets
// up TOTP (the mfaSetup step carries the secret), the second answers the totpCode step.
const { check, poolData, signUpConfirmed, totpCode } = require('../helpers.cjs');

module.exports = {
	id: '43',
	title: 'Async/await: MFA setup and TOTP sign-in as steps',
	async run(AmazonCognitoIdentity, config, log, entries) {
		const p = await entries.promises();
		const { username } = await signUpConfirmed(AmazonCognitoIdentity, config, 'mfaOn', 'uc43');
		let secret;

		async function signInOnce() {
			const pool = new AmazonCognitoIdentity.CognitoUserPool(poolData(config, 'mfaOn'));
			const user = new AmazonCognitoIdentity.CognitoUser({ Username: username, Pool: pool });
			const details = new AmazonCognitoIdentity.AuthenticationDetails({
				Username: username,
				Password: config.password,
			});
			const kinds = [];
			let step = await p.signIn(user, details);
			while (step.kind !== 'signedIn') {
				kinds.push(step.kind);
				switch (step.kind) {
					case 'mfaSetup':
						secret = step.secretCode; // shown to the user as a QR code
						step = await step.answerTotp(totpCode(secret), 'My phone');
						break;
					case 'totpCode':
						step = await step.answer(totpCode(secret));
						break;
					default:
						throw new Error(`unexpected step ${step.kind}`);
				}
			}
			return { kinds, session: step.session };
		}

		const first = await signInOnce();
		check(first.kinds.join() === 'mfaSetup', `first sign-in sets up TOTP (${first.kinds})`);
		const second = await signInOnce();
		check(second.kinds.join() === 'totpCode', `second sign-in asks for the code (${second.kinds})`);
		check(second.session.isValid(), 'a valid session');
		log(`steps: ${first.kinds} then ${second.kinds}`);
		return { first: first.kinds, second: second.kinds };
	},
};
