// Figure 5: SRP logins per second that server/ sustains, run in its own process
// (`tsx server/cli.ts --port 0`) and driven over keep-alive HTTP with bounded concurrency.
//
// The generator's SRP client is deliberately cheap but valid: secrets a are 256-bit (RFC 5054's
// minimum) with A = g^a drawn before the clock starts, x and k·g^x are cached per user, so each
// login costs the generator one OpenSSL modexp (S). The server does all of its real work: B with
// a fresh b, v^u and S, the proof check, two RS256 tokens and a refresh token.
import { readFileSync } from 'node:fs';
import { createDiffieHellman, createHash, createHmac, randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { N, N_HEX } from '../server/srp';
import { startPoolProcess } from '../test/helpers/localPool';

const PASSWORD = 'Bench-Passw0rd!';
const TARGET = 300;

type Json = Record<string, unknown>;

const toHex = (value: bigint): string => {
	const hex = value.toString(16);
	return hex.length % 2 ? `0${hex}` : hex;
};
/** Java's toByteArray() of a non-negative value: a 00 byte when the top bit is set. */
const padded = (value: bigint): Buffer => {
	const hex = toHex(value);
	return Buffer.from(/^[89a-f]/.test(hex) ? `00${hex}` : hex, 'hex');
};
const sha = (...parts: (Buffer | string)[]): Buffer => {
	const h = createHash('sha256');
	for (const p of parts) h.update(p);
	return h.digest();
};
const big = (buf: Buffer): bigint => BigInt(`0x${buf.toString('hex') || '0'}`);
const K = big(sha(padded(N), padded(2n)));
const dh = createDiffieHellman(Buffer.from(N_HEX, 'hex'), Buffer.from([2]));

function modPow(base: bigint, exp: bigint): bigint {
	dh.setPrivateKey(Buffer.from(toHex(exp), 'hex'));
	return big(dh.computeSecret(Buffer.from(toHex(base), 'hex')));
}

function timestamp(d = new Date()): string {
	const [day, , month] = d.toUTCString().split(' ');
	const time = d.toISOString().slice(11, 19);
	return `${day?.slice(0, 3)} ${month} ${d.getUTCDate()} ${time} UTC ${d.getUTCFullYear()}`;
}

interface Ephemeral {
	a: bigint;
	A: bigint;
}
function ephemerals(count: number): Ephemeral[] {
	const out: Ephemeral[] = [];
	for (let i = 0; i < count; i++) {
		const a = randomBytes(32);
		dh.setPrivateKey(a);
		out.push({ a: big(a), A: big(dh.generateKeys()) });
	}
	return out;
}

class Http {
	private readonly agent: Agent;
	constructor(
		private readonly url: URL,
		sockets: number,
	) {
		this.agent = new Agent({ keepAlive: true, maxSockets: sockets });
	}

	call(action: string, body: Json): Promise<{ status: number; body: Json }> {
		const data = JSON.stringify(body);
		return new Promise((resolve, reject) => {
			const req = request(
				{
					host: this.url.hostname,
					port: this.url.port,
					method: 'POST',
					path: '/',
					agent: this.agent,
					headers: {
						'Content-Type': 'application/x-amz-json-1.1',
						'X-Amz-Target': `AWSCognitoIdentityProviderService.${action}`,
						'Content-Length': Buffer.byteLength(data),
					},
				},
				(res) => {
					const chunks: Buffer[] = [];
					res.on('data', (c: Buffer) => chunks.push(c));
					res.on('end', () => {
						try {
							const text = Buffer.concat(chunks).toString('utf8');
							resolve({
								status: res.statusCode ?? 0,
								body: text ? (JSON.parse(text) as Json) : {},
							});
						} catch (e) {
							reject(e instanceof Error ? e : new Error(String(e)));
						}
					});
				},
			);
			req.on('error', reject);
			req.end(data);
		});
	}

	async ok(action: string, body: Json): Promise<Json> {
		const r = await this.call(action, body);
		if (r.status !== 200) throw new Error(`${action}: ${JSON.stringify(r.body)}`);
		return r.body;
	}

	close(): void {
		this.agent.destroy();
	}
}

interface UserKeys {
	x: bigint;
	kgx: bigint;
}

export interface ServerLoadOptions {
	/** Logins in the timed run (default 3000). */
	logins?: number;
	/** Logins in flight at once (default 16). */
	concurrency?: number;
	/** Distinct users the logins rotate through (default 32). */
	users?: number;
	/** Use this server instead of starting one. */
	url?: string;
}

export interface ServerLoadResult {
	logins: number;
	/** CPU ms per login: the server process (all threads), and this generator process. */
	serverCpuMs?: number;
	generatorCpuMs: number;
	errors: number;
	seconds: number;
	perSecond: number;
	firstError?: string;
}

/** User + system CPU ms of a process (all threads), from /proc; undefined elsewhere. */
function processCpuMs(pid: number | undefined): number | undefined {
	if (pid === undefined) return undefined;
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return (Number(fields[11]) + Number(fields[12])) * 10; // clock ticks of 10 ms
	} catch {
		return undefined;
	}
}

/** Drives `logins` complete USER_SRP_AUTH logins and reports the rate. */
export async function runServerLoadBench(opts: ServerLoadOptions = {}): Promise<ServerLoadResult> {
	const logins = opts.logins ?? 3000;
	const concurrency = opts.concurrency ?? 16;
	const userCount = opts.users ?? 32;
	const server = opts.url ? undefined : await startPoolProcess();
	const url = opts.url ?? server?.url ?? '';
	const http = new Http(new URL(url), concurrency);
	try {
		const pool = (await http.ok('CreateUserPool', { PoolName: 'bench' })).UserPool as Json;
		const poolId = String(pool.Id);
		const poolName = poolId.split('_')[1] ?? '';
		const client = (
			await http.ok('CreateUserPoolClient', {
				UserPoolId: poolId,
				ClientName: 'bench',
				ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
			})
		).UserPoolClient as Json;
		const clientId = String(client.ClientId);
		const users: string[] = [];
		for (let i = 0; i < userCount; i++) {
			const name = `bench${i}`;
			await http.ok('SignUp', { ClientId: clientId, Username: name, Password: PASSWORD });
			await http.ok('AdminConfirmSignUp', { UserPoolId: poolId, Username: name });
			users.push(name);
		}
		const keys = new Map<string, UserKeys>();
		const keysFor = (userId: string, salt: string): UserKeys => {
			const cacheKey = `${userId}/${salt}`;
			let k = keys.get(cacheKey);
			if (!k) {
				const x = big(sha(padded(BigInt(`0x${salt}`)), sha(`${poolName}${userId}:${PASSWORD}`)));
				k = { x, kgx: (K * modPow(2n, x)) % N };
				keys.set(cacheKey, k);
			}
			return k;
		};
		const info = Buffer.from('Caldera Derived Key\u0001', 'utf8');

		const login = async (username: string, eph: Ephemeral): Promise<void> => {
			const init = await http.call('InitiateAuth', {
				AuthFlow: 'USER_SRP_AUTH',
				ClientId: clientId,
				AuthParameters: { USERNAME: username, SRP_A: eph.A.toString(16) },
				ClientMetadata: {},
			});
			if (init.status !== 200) throw new Error(`InitiateAuth ${JSON.stringify(init.body)}`);
			const params = init.body.ChallengeParameters as Record<string, string>;
			const userId = String(params.USER_ID_FOR_SRP);
			const B = BigInt(`0x${params.SRP_B}`);
			const { x, kgx } = keysFor(userId, String(params.SALT));
			const u = big(sha(padded(eph.A), padded(B)));
			const S = modPow((((B - kgx) % N) + N) % N, eph.a + u * x);
			const prk = createHmac('sha256', padded(u)).update(padded(S)).digest();
			const key = createHmac('sha256', prk).update(info).digest().subarray(0, 16);
			const ts = timestamp();
			const block = String(params.SECRET_BLOCK);
			const signature = createHmac('sha256', key)
				.update(poolName)
				.update(userId)
				.update(Buffer.from(block, 'base64'))
				.update(ts)
				.digest('base64');
			const done = await http.call('RespondToAuthChallenge', {
				ChallengeName: 'PASSWORD_VERIFIER',
				ClientId: clientId,
				Session: init.body.Session,
				ChallengeResponses: {
					USERNAME: userId,
					PASSWORD_CLAIM_SECRET_BLOCK: block,
					TIMESTAMP: ts,
					PASSWORD_CLAIM_SIGNATURE: signature,
				},
				ClientMetadata: {},
			});
			const result = done.body.AuthenticationResult as Json | undefined;
			if (done.status !== 200 || typeof result?.AccessToken !== 'string') {
				throw new Error(`PASSWORD_VERIFIER ${JSON.stringify(done.body)}`);
			}
		};

		const runLogins = async (
			secrets: Ephemeral[],
		): Promise<{ errors: number; firstError?: string }> => {
			const count = secrets.length;
			let next = 0;
			let errors = 0;
			let firstError: string | undefined;
			const lane = async (): Promise<void> => {
				while (next < count) {
					const i = next++;
					try {
						await login(users[i % users.length] as string, secrets[i] as Ephemeral);
					} catch (e) {
						errors++;
						firstError ??= e instanceof Error ? e.message : String(e);
					}
				}
			};
			await Promise.all(Array.from({ length: concurrency }, lane));
			return { errors, firstError };
		};

		// Warm-up: JIT, key caches on both sides, the server's stock of g^b.
		await runLogins(ephemerals(Math.min(200, logins)));
		const secrets = ephemerals(logins);
		await new Promise((r) => setTimeout(r, 500));
		const serverCpu0 = processCpuMs(server?.child.pid);
		const cpu0 = process.cpuUsage();
		const started = process.hrtime.bigint();
		const { errors, firstError } = await runLogins(secrets);
		const seconds = Number(process.hrtime.bigint() - started) / 1e9;
		const cpu = process.cpuUsage(cpu0);
		const serverCpu1 = processCpuMs(server?.child.pid);
		return {
			logins,
			errors,
			seconds,
			perSecond: logins / seconds,
			firstError,
			generatorCpuMs: (cpu.user + cpu.system) / 1000 / logins,
			serverCpuMs:
				serverCpu0 === undefined || serverCpu1 === undefined
					? undefined
					: (serverCpu1 - serverCpu0) / logins,
		};
	} finally {
		http.close();
		await server?.stop();
	}
}

export function printServerLoad(r: ServerLoadResult): void {
	console.log(
		`server/ SRP logins: ${r.logins} in ${r.seconds.toFixed(2)} s = ${r.perSecond.toFixed(0)}/s, ` +
			`${r.errors} errors${r.firstError ? ` (first: ${r.firstError})` : ''}; ` +
			`CPU per login: server ${r.serverCpuMs?.toFixed(2) ?? '?'} ms, generator ${r.generatorCpuMs.toFixed(2)} ms; ` +
			`target >= ${TARGET}/s: ${r.perSecond >= TARGET && r.errors === 0 ? 'PASS' : 'FAIL'}`,
	);
}

export const SERVER_TARGET = TARGET;

if (require.main === module) {
	const logins = Number(process.argv[2] ?? 3000);
	const concurrency = Number(process.argv[3] ?? 16);
	void runServerLoadBench({ logins, concurrency }).then(printServerLoad);
}
