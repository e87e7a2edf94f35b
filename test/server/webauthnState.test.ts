import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalPool } from '../../server/index';
import { type Json, api, expectError, ok, setup } from './helpers';
import {
	PASSKEY_CLIENT,
	PASSKEY_POOL,
	SoftAuthenticator,
	answerPasskey,
	passkeyChallenge,
	passkeyPool,
	registerPasskey,
	signedIn,
} from './passkeyHelpers';

const dir = mkdtempSync(join(tmpdir(), 'local-pool-passkeys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('passkeys survive a restart', () => {
	it('the credential, its counter, and a deletion are all on disk', async () => {
		const file = join(dir, 'state.json');
		const first = await setup(
			PASSKEY_POOL,
			PASSKEY_CLIENT,
			await startLocalPool({ port: 0, stateFile: file }),
		);
		await passkeyPool(first);
		const auth = new SoftAuthenticator();
		const token = await signedIn(first, 'ada');
		const kept = await registerPasskey(first, token, auth);
		const dropped = await registerPasskey(first, token, auth);
		await ok(first.url, 'DeleteWebAuthnCredential', { AccessToken: token, CredentialId: dropped });
		const stale = auth.clone();
		// Two sign-ins move the stored counter to 2.
		for (let i = 0; i < 2; i++) {
			const c = await passkeyChallenge(first, 'ada');
			await ok(
				first.url,
				'RespondToAuthChallenge',
				answerPasskey(first, 'ada', c.session, auth.get(c.options)),
			);
		}
		await first.lp.close();

		const lp = await startLocalPool({ port: 0, stateFile: file });
		try {
			const s = { ...first, lp, url: lp.url };
			const c = await passkeyChallenge(s, 'ada');
			expect((c.options.allowCredentials as Json[]).map((x) => x.id)).toEqual([kept]);
			// A copy of the authenticator from before the sign-ins is behind the saved counter.
			const r = await api(
				lp.url,
				'RespondToAuthChallenge',
				answerPasskey(s, 'ada', c.session, stale.get(c.options)),
			);
			expectError(r, 'NotAuthorizedException');
			const again = await passkeyChallenge(s, 'ada');
			const done = await ok(
				lp.url,
				'RespondToAuthChallenge',
				answerPasskey(s, 'ada', again.session, auth.get(again.options)),
			);
			expect(done.AuthenticationResult).toBeDefined();
		} finally {
			await lp.close();
		}
	});
});
