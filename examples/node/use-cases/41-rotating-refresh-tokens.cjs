// Use case 41: rotating refresh tokens. With `RefreshTokenRotation: true` in the pool data (for
// an app client that rotates), refreshSession gets a new refresh token with the new tokens and
// stores it; the old one stops working once the client's grace period has passed: a copy of
// it kept elsewhere (another device's storage, a leaked backup) is refused.
const {
	check,
	memoryStorage,
	poolData,
	recordActions,
	signIn,
	signUpConfirmed,
	sleep,
} = require('../helpers.cjs');

module.exports = {
	id: '41',
	title: 'Rotating refresh tokens (RefreshTokenRotation)',
	async run(AmazonCognitoIdentity, config, log) {
		const { username } = await signUpConfirmed(AmazonCognitoIdentity, config, 'rotation', 'uc41');
		const storage = memoryStorage();
		const userPool = new AmazonCognitoIdentity.CognitoUserPool(
			poolData(config, 'rotation', { Storage: storage, RefreshTokenRotation: true }),
		);
		const { cognitoUser, session } = await signIn(
			AmazonCognitoIdentity,
			config,
			'rotation',
			username,
			{
				userPool,
				storage,
			},
		);
		const storedRefreshToken = (store) => {
			const key = store.keys().find((k) => k.endsWith(`.${username}.refreshToken`));
			return key === undefined ? null : store.getItem(key);
		};
		const refresh = (user, token) =>
			new Promise((resolve, reject) =>
				user.refreshSession(token, (err, s) => (err ? reject(err) : resolve(s))),
			);
		// A copy of the session as it is now: a device that never sees the rotation.
		const stale = memoryStorage();
		for (const key of storage.keys()) stale.setItem(key, storage.getItem(key));

		const original = session.getRefreshToken();
		const recorder = recordActions();
		const rotated = await refresh(cognitoUser, original).finally(recorder.stop);
		const first = rotated.getRefreshToken().getToken();
		check(recorder.actions.join() === 'GetTokensFromRefreshToken', `sent ${recorder.actions}`);
		check(first !== original.getToken(), 'a new refresh token');
		check(storedRefreshToken(storage) === first, 'the new refresh token is stored');

		// The rotated token works, and rotates again.
		const again = await refresh(cognitoUser, rotated.getRefreshToken());
		check(again.getRefreshToken().getToken() !== first, 'rotated again');
		check(storedRefreshToken(storage) === again.getRefreshToken().getToken(), 'and stored');

		const grace = config.profiles.rotation.RetryGracePeriodSeconds || 0;
		log(`waiting out the ${grace} s grace period`);
		await sleep(grace * 1000 + 1200);
		const stalePool = new AmazonCognitoIdentity.CognitoUserPool(
			poolData(config, 'rotation', { Storage: stale, RefreshTokenRotation: true }),
		);
		const staleUser = new AmazonCognitoIdentity.CognitoUser({
			Username: username,
			Pool: stalePool,
			Storage: stale,
		});
		const reuse = await refresh(staleUser, original).then(
			() => null,
			(err) => err,
		);
		check(reuse !== null, 'the first refresh token is refused after the grace period');
		check(reuse.code === 'RefreshTokenReuseException', `refused with ${reuse.code}`);
		check(storedRefreshToken(stale) === null, 'that copy is cleared: it must sign in again');
		check(
			storedRefreshToken(storage) === again.getRefreshToken().getToken(),
			'the current session is untouched',
		);
		return { rotated: true, reuse: reuse.code };
	},
};
