// Figure 2: client CPU of one SRP login in real Chromium. One page loads both min.js bundles
// (ours first, stashed, then the original, which takes the AmazonCognitoIdentity global) and
// times new AuthenticationHelper + getLargeAValue + getPasswordAuthenticationKey with
// performance.now(), on fixed server values computed here in Node.
import { createDiffieHellman, createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromiumAvailable, launchChromium } from '../test/helpers/chromium';
import { serveStatic } from '../test/helpers/staticServer';
import { N_HEX } from '../server/srp';
import { ROOT, ensureBuilt, median } from './common';

const require = createRequire(__filename);
export const BROWSER_TARGET = 0.2;
const WARMUPS = 5;
const RUNS = 25;
const POOL = 'QdbSdK39m';
const USER = 'peculiarAmazonian';
const PASSWORD = 'Very$ecur3';

export interface BrowserResult {
	ours: number;
	original: number;
	ratio: number;
	/** Both bundles derived the same key from the same a, B and salt. */
	agree: boolean;
	chromium: string;
}

/** A valid server side for the fixed user: salt, and B = k·v + g^b mod N with a fresh b. */
function serverValues(): { B: string; salt: string } {
	const dh = createDiffieHellman(groupPrime(), Buffer.from([2]));
	const N = BigInt(`0x${dh.getPrime('hex')}`);
	const pad = (v: bigint): Buffer => {
		let hex = v.toString(16);
		if (hex.length % 2) hex = `0${hex}`;
		else if (/^[89a-f]/.test(hex)) hex = `00${hex}`;
		return Buffer.from(hex, 'hex');
	};
	const sha = (...parts: (Buffer | string)[]): Buffer => {
		const h = createHash('sha256');
		for (const p of parts) h.update(p);
		return h.digest();
	};
	const big = (b: Buffer): bigint => BigInt(`0x${b.toString('hex')}`);
	const saltValue = big(randomBytes(16)) | (1n << 120n);
	const x = big(sha(pad(saltValue), sha(`${POOL}${USER}:${PASSWORD}`)));
	const k = big(sha(pad(N), pad(2n)));
	const hex = (v: bigint): Buffer => {
		const h = v.toString(16);
		return Buffer.from(h.length % 2 ? `0${h}` : h, 'hex');
	};
	dh.setPrivateKey(hex(x));
	const v = big(dh.generateKeys());
	dh.setPrivateKey(randomBytes(32));
	const gb = big(dh.generateKeys());
	return { B: ((k * v + gb) % N).toString(16), salt: saltValue.toString(16) };
}

/** RFC 3526's 3072-bit prime, as the server and both clients use it. */
const groupPrime = (): Buffer => Buffer.from(N_HEX, 'hex');

interface PageInput {
	libs: string[];
	pool: string;
	user: string;
	password: string;
	B: string;
	salt: string;
	warmups: number;
	runs: number;
	fixedA: string;
}

/**
 * Runs inside the page: per-login milliseconds for each library, the two taking turns so that
 * background load falls on both alike, and each library's key for the fixed a.
 */
function inPage(input: PageInput): { times: number[][]; fixedKeys: string[] } {
	interface Helper {
		N: { constructor: new (s: string, r: number) => unknown };
		smallAValue: unknown;
		largeAValue: unknown;
		getLargeAValue(cb: (e: unknown, v: unknown) => void): void;
		calculateA(a: unknown, cb: (e: unknown, v: unknown) => void): void;
		getPasswordAuthenticationKey(
			u: string,
			p: string,
			B: unknown,
			s: unknown,
			cb: (e: unknown, key: ArrayLike<number>) => void,
		): void;
	}
	type Library = { AuthenticationHelper: new (pool: string) => Helper };
	const libs = input.libs.map(
		(name) => (window as unknown as Record<string, Library>)[name] as Library,
	);
	const login = (lib: Library, fixedA?: string): ArrayLike<number> | undefined => {
		const helper = new lib.AuthenticationHelper(input.pool);
		// Neither library exports BigInteger from the bundle; the helper's N carries its class.
		const Big = helper.N.constructor;
		if (fixedA) {
			helper.smallAValue = new Big(fixedA, 16);
			helper.calculateA(helper.smallAValue, (_e, A) => (helper.largeAValue = A));
		}
		let key: ArrayLike<number> | undefined;
		helper.getLargeAValue(() => undefined);
		helper.getPasswordAuthenticationKey(
			input.user,
			input.password,
			new Big(input.B, 16),
			new Big(input.salt, 16),
			(_e, k) => (key = k),
		);
		return key;
	};
	const times: number[][] = libs.map(() => []);
	for (let i = 0; i < input.warmups + input.runs; i++) {
		libs.forEach((lib, l) => {
			const start = performance.now();
			login(lib);
			const ms = performance.now() - start;
			if (i >= input.warmups) times[l]?.push(ms);
		});
	}
	const fixedKeys = libs.map((lib) => {
		const key = login(lib, input.fixedA);
		return key ? Array.from(key, (b) => b.toString(16).padStart(2, '0')).join('') : '';
	});
	return { times, fixedKeys };
}

export async function runBrowserBench(): Promise<BrowserResult | undefined> {
	if (!chromiumAvailable()) return undefined;
	ensureBuilt();
	const page = mkdtempSync(join(tmpdir(), 'bench-browser-'));
	writeFileSync(join(page, 'index.html'), '<!doctype html><title>SRP bench</title>');
	const originalDist = join(dirname(require.resolve('original-cognito/package.json')), 'dist');
	const files = await serveStatic({
		'/ours/': join(ROOT, 'dist'),
		'/original/': originalDist,
		'/': page,
	});
	const browser = await launchChromium();
	try {
		const tab = await browser.newPage();
		await tab.goto(`${files.url}/`);
		// tsx (esbuild keepNames) wraps functions in __name(); give the page a no-op one.
		await tab.evaluate('globalThis.__name = (f) => f');
		await tab.addScriptTag({ url: `${files.url}/ours/amazon-cognito-identity.min.js` });
		await tab.evaluate(() => {
			const w = window as unknown as Record<string, unknown>;
			w.OursCognito = w.AmazonCognitoIdentity;
			delete w.AmazonCognitoIdentity;
		});
		await tab.addScriptTag({ url: `${files.url}/original/amazon-cognito-identity.min.js` });
		const { B, salt } = serverValues();
		const fixedA = ((1n << 1023n) + 0x1234567890abcdefn).toString(16);
		const common = {
			pool: POOL,
			user: USER,
			password: PASSWORD,
			B,
			salt,
			warmups: WARMUPS,
			runs: RUNS,
			fixedA,
		};
		const run = await tab.evaluate(inPage, {
			...common,
			libs: ['OursCognito', 'AmazonCognitoIdentity'],
		});
		const [oursTimes = [], originalTimes = []] = run.times;
		const [oursKey = '', originalKey = ''] = run.fixedKeys;
		const o = median(oursTimes);
		const g = median(originalTimes);
		return {
			ours: o,
			original: g,
			ratio: o / g,
			agree: oursKey !== '' && oursKey === originalKey,
			chromium: browser.version(),
		};
	} finally {
		await browser.close();
		await files.close();
		rmSync(page, { recursive: true, force: true });
	}
}

export function printBrowser(r: BrowserResult | undefined): void {
	if (!r) {
		console.log('Chromium SRP login: skipped (no Chromium)');
		return;
	}
	console.log(
		`Chromium ${r.chromium} SRP login (median of ${RUNS} after ${WARMUPS} warm-ups): ours ${r.ours.toFixed(2)} ms, ` +
			`original ${r.original.toFixed(2)} ms, ratio ${r.ratio.toFixed(3)} ` +
			`(target <= ${BROWSER_TARGET}: ${r.ratio <= BROWSER_TARGET ? 'PASS' : 'FAIL'}); ` +
			`same key for a fixed a: ${r.agree ? 'yes' : 'NO'}`,
	);
}

if (require.main === module) {
	void runBrowserBench().then(printBrowser);
}
