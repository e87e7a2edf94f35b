// Figure 4: wall time of a full SRP + device login (PASSWORD_VERIFIER → DEVICE_SRP_AUTH →
// DEVICE_PASSWORD_VERIFIER) from authenticateUser to onSuccess, ours (the built lib/) against
// the original 6.3.21, both against the same server/ running in its own process.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT, ensureBuilt, median } from './common';
import { startPoolProcess } from '../test/helpers/localPool';
import { MapStorage } from '../test/helpers/mapStorage';

const require = createRequire(__filename);
const PASSWORD = 'Device-Passw0rd!';
const WARMUPS = 3;
const RUNS = 15;
export const DEVICE_TARGET = 0.3;

type Json = Record<string, unknown>;

/** The subset of either library's API this figure drives. */
interface Library {
	CognitoUserPool: new (data: Json) => object;
	CognitoUser: new (data: Json) => {
		authenticateUser(details: object, callbacks: Json): void;
	};
	AuthenticationDetails: new (data: Json) => object;
}

/** Challenge names the last login answered, seen on the wire (to prove the device leg ran). */
const challenges: string[] = [];
const realFetch = globalThis.fetch;
function recordingFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
	if (typeof init?.body === 'string' && init.body.includes('"ChallengeName"')) {
		const name = /"ChallengeName":"(\w+)"/.exec(init.body)?.[1];
		if (name) challenges.push(name);
	}
	return realFetch(input, init);
}

function login(lib: Library, poolData: Json, storage: MapStorage, username: string) {
	const pool = new lib.CognitoUserPool({ ...poolData, Storage: storage });
	const user = new lib.CognitoUser({ Username: username, Pool: pool, Storage: storage });
	const details = new lib.AuthenticationDetails({ Username: username, Password: PASSWORD });
	return new Promise<number>((resolve, reject) => {
		const started = performance.now();
		user.authenticateUser(details, {
			onSuccess: () => resolve(performance.now() - started),
			onFailure: (e: unknown) => reject(e instanceof Error ? e : new Error(JSON.stringify(e))),
			mfaRequired: () => reject(new Error('unexpected MFA')),
			newPasswordRequired: () => reject(new Error('unexpected new password')),
		});
	});
}

export interface DeviceLoginResult {
	ours: number;
	original: number;
	ratio: number;
}

export async function runDeviceLoginBench(): Promise<DeviceLoginResult> {
	ensureBuilt();
	const ours = require(join(ROOT, 'lib')) as Library;
	const original = require('original-cognito') as Library;
	const server = await startPoolProcess();
	globalThis.fetch = recordingFetch as typeof fetch;
	try {
		const created = (await server.call('CreateUserPool', {
			PoolName: 'device-bench',
			DeviceConfiguration: {
				ChallengeRequiredOnNewDevice: false,
				DeviceOnlyRememberedOnUserPrompt: false,
			},
		})) as { UserPool: { Id: string } };
		const poolId = created.UserPool.Id;
		const client = (await server.call('CreateUserPoolClient', {
			UserPoolId: poolId,
			ClientName: 'device-bench',
			ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
		})) as { UserPoolClient: { ClientId: string } };
		const poolData = {
			UserPoolId: poolId,
			ClientId: client.UserPoolClient.ClientId,
			endpoint: server.url,
		};
		const lanes = [
			{
				name: 'ours',
				lib: ours,
				user: 'device-ours',
				storage: new MapStorage(),
				times: [] as number[],
			},
			{
				name: 'original',
				lib: original,
				user: 'device-original',
				storage: new MapStorage(),
				times: [] as number[],
			},
		];
		for (const lane of lanes) {
			await server.call('SignUp', {
				ClientId: poolData.ClientId,
				Username: lane.user,
				Password: PASSWORD,
			});
			await server.call('AdminConfirmSignUp', { UserPoolId: poolId, Username: lane.user });
			// The first login confirms this device (ConfirmDevice); later ones are device logins.
			await login(lane.lib, poolData, lane.storage, lane.user);
		}
		// Alternating the two clients spreads any background load over both.
		for (let i = 0; i < WARMUPS + RUNS; i++) {
			for (const lane of lanes) {
				challenges.length = 0;
				const ms = await login(lane.lib, poolData, lane.storage, lane.user);
				const path = challenges.join(' → ');
				if (path !== 'PASSWORD_VERIFIER → DEVICE_SRP_AUTH → DEVICE_PASSWORD_VERIFIER') {
					throw new Error(`${lane.name}: not a device login (${path})`);
				}
				if (i >= WARMUPS) lane.times.push(ms);
			}
		}
		const [o, g] = lanes.map((lane) => median(lane.times)) as [number, number];
		return { ours: o, original: g, ratio: o / g };
	} finally {
		globalThis.fetch = realFetch;
		await server.stop();
	}
}

export function printDeviceLogin(r: DeviceLoginResult): void {
	console.log(
		`SRP + device login wall time (median of ${RUNS} after ${WARMUPS} warm-ups): ours ${r.ours.toFixed(1)} ms, ` +
			`original ${r.original.toFixed(1)} ms, ratio ${r.ratio.toFixed(3)} ` +
			`(target <= ${DEVICE_TARGET}: ${r.ratio <= DEVICE_TARGET ? 'PASS' : 'FAIL'})`,
	);
}

if (require.main === module) {
	void runDeviceLoginBench().then(printDeviceLogin);
}
