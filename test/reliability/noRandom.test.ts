// Without any secure random source, a login fails cleanly through onFailure; Math.random is
// never used as a fallback.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Recorder, sleep } from './helpers/recorder';
import { CountingStorage } from './helpers/storage';

describe('no secure random source', () => {
	afterEach(() => {
		vi.unstubAllGlobals();
		vi.doUnmock('node:crypto');
		vi.resetModules();
		vi.restoreAllMocks();
	});

	it("authenticateUser → onFailure once with the original's message, no request, no Math.random", async () => {
		vi.resetModules();
		vi.stubGlobal('crypto', undefined);
		vi.doMock('node:crypto', () => ({ getRandomValues: undefined, randomBytes: undefined }));
		const fetchSpy = vi.fn();
		vi.stubGlobal('fetch', fetchSpy);
		const random = vi.spyOn(Math, 'random');
		const lib = await import('../../src/index');
		const storage = new CountingStorage();
		const pool = new lib.CognitoUserPool({
			UserPoolId: 'us-east-1_NoRandom',
			ClientId: 'c1',
			endpoint: 'http://127.0.0.1:9/',
			Storage: storage,
		});
		const user = new lib.CognitoUser({ Username: 'alice', Pool: pool, Storage: storage });
		const rec = new Recorder();
		expect(() =>
			user.authenticateUser(
				new lib.AuthenticationDetails({ Username: 'alice', Password: 'Passw0rd!' }),
				rec.object(),
			),
		).not.toThrow();
		await sleep(50);
		expect(rec.calls.map((c) => c.kind)).toEqual(['onFailure']);
		expect(rec.error()?.message).toBe(
			'Native crypto module could not be used to get secure random number.',
		);
		expect(fetchSpy).not.toHaveBeenCalled();
		expect(random).not.toHaveBeenCalled();
		expect(storage.sets).toBe(0);
	});
});
