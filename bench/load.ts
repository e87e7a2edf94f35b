// Reliability load: N concurrent clients sign in over and over against server/ running in its
// own process. Each client's first login confirms a device; every later one goes through device
// SRP (PASSWORD_VERIFIER → DEVICE_SRP_AUTH → DEVICE_PASSWORD_VERIFIER). At the end every user
// and device must still be there. Not a test: figures only.
//   npx tsx bench/load.ts [seconds] [clients]
import { AuthenticationDetails, CognitoUser, CognitoUserPool } from '../src/index';
import type { CognitoUserSession } from '../src/index';
import { MemoryStorage } from '../src/StorageHelper';
import { startPoolProcess } from '../test/helpers/localPool';

export interface LoadOptions {
	/** Seconds of load. Default 30. */
	durationSeconds?: number;
	/** Concurrent clients, one user each. Default 50. */
	clients?: number;
	/** Progress lines. Default console.log. */
	log?: (line: string) => void;
}

export interface LoadResult {
	clients: number;
	durationSeconds: number;
	logins: number;
	/** Logins that went through device SRP. */
	deviceLogins: number;
	loginsPerSecond: number;
	p50Ms: number;
	p99Ms: number;
	maxMs: number;
	errors: number;
	firstError?: string;
	lostUsers: number;
	lostDevices: number;
}

const PASSWORD = 'LoadPassw0rd!';

function percentile(sorted: number[], p: number): number {
	if (!sorted.length) return 0;
	const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
	return sorted[Math.max(0, i)] as number;
}

function login(
	pool: CognitoUserPool,
	username: string,
	storage: MemoryStorage,
): Promise<CognitoUserSession> {
	const user = new CognitoUser({ Username: username, Pool: pool, Storage: storage });
	return new Promise((resolve, reject) =>
		user.authenticateUser(new AuthenticationDetails({ Username: username, Password: PASSWORD }), {
			onSuccess: (session) => resolve(session),
			onFailure: (err) => reject(err),
		}),
	);
}

export async function runLoadBench(opts: LoadOptions = {}): Promise<LoadResult> {
	const durationSeconds = opts.durationSeconds ?? 30;
	const clients = opts.clients ?? 50;
	const log = opts.log ?? ((line: string) => console.log(line));
	const server = await startPoolProcess();
	try {
		const created = await server.call('CreateUserPool', {
			PoolName: 'load',
			DeviceConfiguration: {
				ChallengeRequiredOnNewDevice: true,
				DeviceOnlyRememberedOnUserPrompt: false,
			},
		});
		const poolId = String((created.UserPool as { Id: string }).Id);
		const client = await server.call('CreateUserPoolClient', {
			UserPoolId: poolId,
			ClientName: 'load',
			ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
		});
		const clientId = String((client.UserPoolClient as { ClientId: string }).ClientId);
		const names = Array.from({ length: clients }, (_, i) => `load-${i}`);
		for (const name of names) {
			await server.call('AdminCreateUser', {
				UserPoolId: poolId,
				Username: name,
				MessageAction: 'SUPPRESS',
			});
			await server.call('AdminSetUserPassword', {
				UserPoolId: poolId,
				Username: name,
				Password: PASSWORD,
				Permanent: true,
			});
		}

		let deviceLogins = 0;
		const latencies: number[] = [];
		let errors = 0;
		let firstError: string | undefined;
		const lastSession = new Map<string, CognitoUserSession>();
		const storages = new Map<string, MemoryStorage>();

		log(
			`load: ${clients} clients, ${durationSeconds} s against ${server.url} (server in pid ${server.child.pid})`,
		);
		const started = Date.now();
		const deadline = started + durationSeconds * 1000;
		await Promise.all(
			names.map(async (name) => {
				const storage = new MemoryStorage();
				storages.set(name, storage);
				const pool = new CognitoUserPool({
					UserPoolId: poolId,
					ClientId: clientId,
					endpoint: server.url,
					Storage: storage,
					requestTimeout: 30_000,
				});
				// Counts logins that took the device path, as the wire shows it.
				const request = pool.client.request.bind(pool.client);
				const seen = { device: false };
				pool.client.request = ((operation: string, params: object, cb: never) => {
					if ((params as { ChallengeName?: string }).ChallengeName === 'DEVICE_PASSWORD_VERIFIER') {
						seen.device = true;
					}
					request(operation, params, cb);
				}) as typeof pool.client.request;
				while (Date.now() < deadline) {
					const t0 = performance.now();
					seen.device = false;
					try {
						const session = await login(pool, name, storage);
						latencies.push(performance.now() - t0);
						lastSession.set(name, session);
						if (seen.device) deviceLogins++;
					} catch (e) {
						errors++;
						firstError ??= `${name}: ${String((e as Error).message ?? e)}`;
						await new Promise((r) => setTimeout(r, 100));
					}
				}
			}),
		);
		const elapsed = (Date.now() - started) / 1000;

		// Nothing lost: every user is listed, and each has exactly its one remembered device.
		const listed = await server.call('ListUsers', { UserPoolId: poolId, Limit: 60 });
		const found = new Set(((listed.Users as { Username: string }[]) ?? []).map((u) => u.Username));
		const lostUsers = names.filter((n) => !found.has(n)).length;
		let lostDevices = 0;
		for (const name of names) {
			const session = lastSession.get(name);
			const key = storages
				.get(name)
				?.getItem(`CognitoIdentityServiceProvider.${clientId}.${name}.deviceKey`);
			if (!session || !key) {
				lostDevices++;
				continue;
			}
			const devices = await server.call('ListDevices', {
				AccessToken: session.getAccessToken().getJwtToken(),
				Limit: 60,
			});
			const keys = ((devices.Devices as { DeviceKey: string }[]) ?? []).map((d) => d.DeviceKey);
			if (keys.length !== 1 || keys[0] !== key) lostDevices++;
		}

		const sorted = [...latencies].sort((a, b) => a - b);
		const result: LoadResult = {
			clients,
			durationSeconds: Math.round(elapsed * 10) / 10,
			logins: latencies.length,
			deviceLogins,
			loginsPerSecond: Math.round((latencies.length / elapsed) * 10) / 10,
			p50Ms: Math.round(percentile(sorted, 50) * 10) / 10,
			p99Ms: Math.round(percentile(sorted, 99) * 10) / 10,
			maxMs: Math.round((sorted[sorted.length - 1] ?? 0) * 10) / 10,
			errors,
			lostUsers,
			lostDevices,
		};
		if (firstError) result.firstError = firstError;
		log(
			`load: ${result.logins} logins (${result.deviceLogins} via device SRP) in ${result.durationSeconds} s = ` +
				`${result.loginsPerSecond} logins/s; p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms; ` +
				`errors ${errors}, lost users ${lostUsers}, lost devices ${lostDevices}`,
		);
		return result;
	} finally {
		await server.stop();
	}
}

if (require.main === module) {
	const seconds = Number(process.argv[2] ?? 30);
	const clients = Number(process.argv[3] ?? 50);
	runLoadBench({ durationSeconds: seconds, clients }).then(
		(r) => {
			process.exitCode = r.errors || r.lostUsers || r.lostDevices ? 1 : 0;
		},
		(e: unknown) => {
			console.error(e);
			process.exitCode = 1;
		},
	);
}
