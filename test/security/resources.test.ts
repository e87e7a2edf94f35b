// Finding 4: an oversized SRP_A was kept whole in the pending session (~500 KiB each, for three
// minutes): a 256 MiB server died after 513 unauthenticated requests.
import { afterAll, describe, expect, it } from 'vitest';
import { SessionStore } from '../../server/sessions';
import { N_HEX } from '../../server/srp';
import { SrpClient, api, expectError, setup, signUpConfirmed } from '../server/helpers';

describe('SRP_A is at most the size of N', async () => {
	const s = await setup();
	afterAll(() => s.lp.close());
	await signUpConfirmed(s, 'ada');
	const initiate = (SRP_A: string) =>
		api(s.url, 'InitiateAuth', {
			AuthFlow: 'USER_SRP_AUTH',
			ClientId: s.clientId,
			AuthParameters: { USERNAME: 'ada', SRP_A },
		});

	it('a 500 KiB SRP_A is refused before any session holds it, for known and unknown users', async () => {
		const huge = `1${'0'.repeat(500 * 1024)}`;
		expectError(await initiate(huge), 'InvalidParameterException', /SRP_A/);
		const ghost = await api(s.url, 'InitiateAuth', {
			AuthFlow: 'USER_SRP_AUTH',
			ClientId: s.clientId,
			AuthParameters: { USERNAME: 'ghost', SRP_A: huge },
		});
		expectError(ghost, 'InvalidParameterException', /SRP_A/);
		// One hex digit more than N, even with leading zeros, is too long.
		expectError(await initiate(`000${N_HEX}`), 'InvalidParameterException', /SRP_A/);
	});

	it('a client-sized A, with a sign byte, is accepted', async () => {
		const A = new SrpClient().A.toString(16).padStart(N_HEX.length, '0');
		expect((await initiate(`00${A}`)).body.ChallengeName).toBe('PASSWORD_VERIFIER');
	});
});

describe('pending sign-ins are capped', () => {
	it('a flood within the session lifetime keeps at most the cap, dropping the oldest', () => {
		const store = new SessionStore(() => 0, 1500);
		const init = {
			poolId: 'p',
			clientId: 'c',
			username: 'u',
			challenge: 'PASSWORD_VERIFIER',
			authFlow: 'USER_SRP_AUTH',
		};
		const first = store.create(init);
		let last = first;
		for (let i = 0; i < 4000; i++) last = store.create(init);
		expect(() => store.get(first.id, 'c', 'PASSWORD_VERIFIER')).toThrow(
			'Invalid session for the user.',
		);
		expect(store.get(last.id, 'c', 'PASSWORD_VERIFIER')).toBe(last);
		expect(store.size).toBeLessThanOrEqual(1500);
	});
});
