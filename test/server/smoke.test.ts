import { afterAll, describe, expect, it } from 'vitest';
import { PASSWORD, jwtPayload, setup, signUpConfirmed, srpLogin } from './helpers';

describe('smoke', async () => {
	const s = await setup();
	afterAll(() => s.lp.close());
	it('signs up and logs in with SRP', async () => {
		await signUpConfirmed(s, 'alice');
		const r = await srpLogin(s, 'alice', PASSWORD);
		expect(r.status, JSON.stringify(r.body)).toBe(200);
		const res = r.body.AuthenticationResult as Record<string, string>;
		expect(jwtPayload(res.AccessToken ?? '').username).toBe('alice');
	});
});
