// Figure: client CPU of one SRP login (new helper, A, password key, claim signature), ours
// with OpenSSL, ours on the pure bigint path, and the original 6.3.21, same process and inputs.
import { createRequire } from 'node:module';
import AuthenticationHelper from '../src/AuthenticationHelper';
import BigInteger from '../src/BigInteger';
import { setFastModPowEnabled } from '../src/utils/fastModPow';
import { calculateSignature } from '../src/utils/srpSignature';

const require = createRequire(__filename);
const originalRequire = createRequire(require.resolve('original-cognito/package.json'));

interface Callback<T> {
	(err: unknown, value: T): void;
}
interface OriginalHelper {
	smallAValue: unknown;
	largeAValue: unknown;
	getLargeAValue(cb: Callback<unknown>): void;
	calculateA(a: unknown, cb: Callback<unknown>): void;
	getPasswordAuthenticationKey(
		u: string,
		p: string,
		B: unknown,
		s: unknown,
		cb: Callback<Uint8Array>,
	): void;
}
const OriginalHelperClass = (
	require('original-cognito/lib/AuthenticationHelper') as {
		default: new (pool: string) => OriginalHelper;
	}
).default;
const OriginalBigInteger = (
	require('original-cognito/lib/BigInteger') as { default: new (s: string, r: number) => unknown }
).default;
// The original signs with these two dependencies (CognitoUser.authenticateUserDefaultAuth).
const { Sha256 } = originalRequire('@aws-crypto/sha256-js') as {
	Sha256: new (key: Uint8Array) => { update(data: Uint8Array): void; digestSync(): Uint8Array };
};
const { Buffer: OriginalBuffer } = originalRequire('buffer') as { Buffer: typeof Buffer };

const POOL = 'QdbSdK39m';
const USER = 'peculiarAmazonian';
const PASSWORD = 'Very$ecur3';
const SALT = '8a1b2c3d4e5f60718293a4b5c6d7e8f9';
const SECRET_BLOCK = 'b3BhcXVlLXNlY3JldC1ibG9jay1mcm9tLWNvZ25pdG8=';
const TIMESTAMP = 'Tue Jan 1 06:06:09 UTC 2019';
const SRP_B =
	'a41845c54c60096213ee0eca03d49ae2f25230fd4e0567c14221baafa2443b31facc8545c663be55f7db534fe0d44e083c1140dce86563dc4e514f7df26181d7f20f1fc0c0fca02a33750d50be883a37e777c58bdf0be4e11e437dbf7d8695c7202f9be9313e95667a93f5e2dd17c21a3c048f878e41a4a2112be455fedae67af70844560d019960b7b50df2370384dcdce2ffac7d4ae82a262b2f632f9b063c9ef9c7d70c8cf58b3c586771acf5119ec725285901b1e69d23eb95b7f055b11eccf80b331f8831609d6b929304f5c651289897e2f252fe604e3dece3647e1d3a923f4f765ab5197d8f80fdc4e74a2ab31fceac66069c914653bdd22614064d7364a93b8956bc9575905e37e0f0a21ecf398f4a4fae62ff96f5bd34d809b8df6b9f2c78efe4395bfc0c91510005235191873b8b06d9a06bcddbffa9dadf091292ee4f9c8a075121a9690b670572e474eb3e1eac18f4aa106488243379376c7ebd9f11aa7e75efc8824f9e7c02af092571bc4ff575580864ce258fc49fc21477b3';

const WARMUPS = 3;
const RUNS = 20;
const TARGET = 0.1;

/** One login with our helper; `a` fixes the secret (for the cross-check), else it is random. */
function oursLogin(a?: bigint): string {
	const helper = new AuthenticationHelper(POOL);
	if (a !== undefined) helper.smallAValue = new BigInteger(a);
	let signature = '';
	helper.getLargeAValue(() => undefined);
	helper.getPasswordAuthenticationKey(
		USER,
		PASSWORD,
		new BigInteger(SRP_B, 16),
		new BigInteger(SALT, 16),
		(_err, key) => {
			signature = calculateSignature(key as Uint8Array, POOL, USER, SECRET_BLOCK, TIMESTAMP);
		},
	);
	return signature;
}

/** The same login with the original helper and the original's signing code path. */
function originalLogin(a?: bigint): string {
	const helper = new OriginalHelperClass(POOL);
	if (a !== undefined) {
		helper.smallAValue = new OriginalBigInteger(a.toString(16), 16);
		helper.calculateA(helper.smallAValue, (_err, A) => (helper.largeAValue = A));
	}
	let signature = '';
	helper.getLargeAValue(() => undefined);
	helper.getPasswordAuthenticationKey(
		USER,
		PASSWORD,
		new OriginalBigInteger(SRP_B, 16),
		new OriginalBigInteger(SALT, 16),
		(_err, key) => {
			const message = OriginalBuffer.concat([
				OriginalBuffer.from(POOL, 'utf8'),
				OriginalBuffer.from(USER, 'utf8'),
				OriginalBuffer.from(SECRET_BLOCK, 'base64'),
				OriginalBuffer.from(TIMESTAMP, 'utf8'),
			]);
			const hmac = new Sha256(key);
			hmac.update(message);
			signature = OriginalBuffer.from(hmac.digestSync()).toString('base64');
		},
	);
	return signature;
}

/** Median CPU milliseconds (user + system) per call, after warm-ups. */
function measure(login: () => unknown): number {
	for (let i = 0; i < WARMUPS; i++) login();
	const samples: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		const start = process.cpuUsage();
		login();
		const used = process.cpuUsage(start);
		samples.push((used.user + used.system) / 1000);
	}
	samples.sort((x, y) => x - y);
	return ((samples[(RUNS - 1) >> 1] as number) + (samples[RUNS >> 1] as number)) / 2;
}

/** Runs the three measurements and prints the table; resolves with the medians (ms). */
export async function runSrpBench(): Promise<{ ours: number; pure: number; original: number }> {
	const fixedA = (1n << 1023n) + 0x1234567890abcdefn;
	const agree = oursLogin(fixedA) === originalLogin(fixedA);
	const ours = measure(() => oursLogin());
	setFastModPowEnabled(false);
	const pureAgrees = oursLogin(fixedA) === originalLogin(fixedA);
	const pure = measure(() => oursLogin());
	setFastModPowEnabled(true);
	const original = measure(() => originalLogin());

	const row = (name: string, ms: number): string =>
		`| ${name.padEnd(24)} | ${ms.toFixed(2).padStart(9)} | ${(ms / original).toFixed(3).padStart(14)} |`;
	console.log(`SRP client login, CPU ms (median of ${RUNS} after ${WARMUPS} warm-ups)`);
	console.log('| implementation           | median ms | ours/original |');
	console.log('| ------------------------ | --------- | -------------- |');
	console.log(row('ours (OpenSSL path)', ours));
	console.log(row('ours (pure bigint path)', pure));
	console.log(row('original 6.3.21', original));
	const verdict = ours / original <= TARGET ? 'PASS' : 'FAIL';
	console.log(`target ours/original <= ${TARGET}: ${verdict} (${(ours / original).toFixed(3)})`);
	console.log(
		`signatures equal to the original's for a fixed a: OpenSSL ${agree ? 'yes' : 'NO'}, pure ${pureAgrees ? 'yes' : 'NO'}`,
	);
	return { ours, pure, original };
}

if (require.main === module) {
	void runSrpBench();
}
