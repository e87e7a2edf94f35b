// A remembered device the service no longer knows: the original resent PASSWORD_VERIFIER
// without limit; ours drops the device and retries once, then reports the failure once.
import { describe, expect, it } from 'vitest';
import { AuthenticationDetails, CognitoUser, CognitoUserPool } from '../../src/index';
import { startFaultServer } from './helpers/faultServer';
import { ProcessWatch, Recorder, sleep } from './helpers/recorder';
import { CountingStorage } from './helpers/storage';

const PREFIX = 'CognitoIdentityServiceProvider.vanish';

describe('a vanished device', () => {
	it('is dropped after one ResourceNotFoundException; a second one fails once, no loop', async () => {
		const server = await startFaultServer({
			fault: 'json400',
			serviceError: { type: 'ResourceNotFoundException', message: 'Device does not exist.' },
			target: (r) =>
				r.action === 'RespondToAuthChallenge' && r.body.ChallengeName === 'PASSWORD_VERIFIER',
		});
		const watch = new ProcessWatch().start();
		try {
			const storage = new CountingStorage();
			storage.setItem(`${PREFIX}.alice.deviceKey`, 'us-east-1_gone');
			storage.setItem(`${PREFIX}.alice.randomPasswordKey`, 'secret');
			storage.setItem(`${PREFIX}.alice.deviceGroupKey`, 'grp');
			const pool = new CognitoUserPool({
				UserPoolId: 'us-east-1_Vanish',
				ClientId: 'vanish',
				endpoint: server.url,
				Storage: storage,
			});
			const user = new CognitoUser({ Username: 'alice', Pool: pool, Storage: storage });
			const rec = new Recorder();
			user.authenticateUser(
				new AuthenticationDetails({ Username: 'alice', Password: 'Passw0rd!' }),
				rec.object(),
			);
			await rec.first(10_000);
			await sleep(300);
			expect(rec.calls.map((c) => c.kind)).toEqual(['onFailure']);
			expect((rec.error() as Error & { code?: string }).code).toBe('ResourceNotFoundException');
			const verifiers = server.received.filter((r) => r.body.ChallengeName === 'PASSWORD_VERIFIER');
			expect(verifiers).toHaveLength(2);
			const [first, second] = verifiers.map(
				(r) => r.body.ChallengeResponses as Record<string, unknown>,
			);
			expect(first?.DEVICE_KEY).toBe('us-east-1_gone');
			expect(second?.DEVICE_KEY).toBeNull();
			expect(storage.getItem(`${PREFIX}.alice.deviceKey`)).toBeNull();
			expect(storage.getItem(`${PREFIX}.alice.randomPasswordKey`)).toBeNull();
			expect(user.deviceKey).toBeNull();
			expect(watch.problems).toEqual([]);
		} finally {
			watch.stop();
			await server.close();
		}
	});
});
