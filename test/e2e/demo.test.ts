// `npm run demo` (tsx examples/demo.ts) runs to the end against the local pool and prints every
// step of the tour, in order, with the login timings.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/pack';
import { type ChildResult, ensureBuilt, runChild } from './helpers';

const STEPS = [
	'Sign up',
	'Confirm sign-up',
	'SRP login',
	'Device SRP login',
	'Attributes',
	'Email-code login',
	'Refresh-token rotation',
	'TOTP MFA',
	'Login with TOTP',
	'Refresh',
	'Sign-out',
];

let result: ChildResult;

beforeAll(async () => {
	ensureBuilt();
	// The demo rebuilds when src/ is newer than lib/; inside a test run that would delete lib/
	// under the other suites' feet, so it uses the build that is there.
	result = await runChild(join(ROOT, 'node_modules', '.bin', 'tsx'), ['examples/demo.ts'], {
		cwd: ROOT,
		env: { ...process.env, DEMO_SKIP_BUILD: '1' },
	});
});

describe('npm run demo', () => {
	it('exits 0 without a failed step', () => {
		expect(result.code, result.stderr + result.stdout).toBe(0);
		expect(result.stdout).not.toContain('✗');
	});

	it('prints every step, numbered and in order', () => {
		const lines = result.stdout.split('\n');
		const found = STEPS.map((title, i) =>
			lines.findIndex((line) => line.startsWith(`${String(i + 1).padStart(2)}. ✓ ${title}: `)),
		);
		for (const [i, at] of found.entries()) {
			expect(at, `step ${i + 1} (${STEPS[i]}) missing\n${result.stdout}`).toBeGreaterThanOrEqual(0);
		}
		expect(found).toEqual([...found].sort((a, b) => a - b));
	});

	it('reads the confirmation code from the outbox and reports the device and TOTP outcomes', () => {
		expect(result.stdout).toMatch(/Confirm sign-up: code \d{6} read from the outbox → SUCCESS/);
		expect(result.stdout).toMatch(/asked to remember: true; device us-east-1_[\w-]+ remembered/);
		expect(result.stdout).toMatch(/verified with code \d{6}, TOTP set as preferred/);
		expect(result.stdout).toContain('refreshing with it now fails (NotAuthorizedException)');
	});

	it('signs in with an emailed code and rotates the refresh token', () => {
		expect(result.stdout).toMatch(
			/Email-code login: no password: code \d{6,8} emailed to \S+@\S+, read from the outbox/,
		);
		expect(result.stdout).toContain('the spent one is now refused (RefreshTokenReuseException)');
	});

	it('prints the login timings', () => {
		expect(result.stdout).toMatch(
			/Timings: SRP login \d+ ms, device SRP login \d+ ms, SRP \+ TOTP login \d+ ms/,
		);
	});
});
