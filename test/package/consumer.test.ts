// A separate TypeScript application (test/package/consumer/) compiled with `strict` against the
// PACKED typings, under node16 (CommonJS) and bundler resolution, then run with Node: against a
// closed port for the network methods, and against the local pool for a real sign-up and login.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalPool, type LocalPool } from '../../server';
import { ROOT, installPacked } from '../helpers/pack';

const run = promisify(execFile);
const FIXTURE = join(ROOT, 'test', 'package', 'consumer');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const PASSWORD = 'Consumer-Passw0rd!';

type Report = Record<string, unknown>;

async function tsc(dir: string, project: string): Promise<{ code: number; output: string }> {
	try {
		const { stdout } = await run(process.execPath, [TSC, '-p', project], { cwd: dir });
		return { code: 0, output: stdout };
	} catch (error) {
		const e = error as { code?: number; stdout?: string; stderr?: string };
		return { code: e.code ?? 1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
	}
}

async function runConsumer(file: string, env: Record<string, string>): Promise<Report> {
	const { stdout } = await run(process.execPath, [file], {
		cwd: join(file, '..', '..'),
		env: { PATH: process.env.PATH ?? '', ...env },
	});
	const lines = stdout.trim().split('\n');
	return JSON.parse(lines[lines.length - 1] as string) as Report;
}

describe('a strict TypeScript consumer of the packed package', () => {
	let dir = '';
	let lp: LocalPool;
	let onlineEnv: Record<string, string> = {};
	const username = `consumer-${Math.random().toString(36).slice(2, 10)}`;
	const newUsername = `${username}-new`;

	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'cognito-consumer-'));
		installPacked(dir);
		for (const file of ['package.json', 'tsconfig.node16.json', 'tsconfig.bundler.json']) {
			copyFileSync(join(FIXTURE, file), join(dir, file));
		}
		// The fixture opts out of the repository's own type-check; here it is checked for real.
		const source = readFileSync(join(FIXTURE, 'consumer.ts'), 'utf8');
		writeFileSync(join(dir, 'consumer.ts'), source.replace(/^\/\/ @ts-nocheck.*$/m, ''));
		lp = await startLocalPool({ port: 0 });
		const pool = await lp.createUserPool({ AutoVerifiedAttributes: ['email'] });
		const client = await lp.createUserPoolClient(pool.Id, { ClientName: 'consumer' });
		await lp.createUser(pool.Id, username, PASSWORD, { email: `${username}@example.com` });
		onlineEnv = {
			COGNITO_ENDPOINT: lp.url,
			COGNITO_POOL_ID: pool.Id,
			COGNITO_CLIENT_ID: client.ClientId,
			COGNITO_USERNAME: username,
			COGNITO_PASSWORD: PASSWORD,
			COGNITO_NEW_USERNAME: newUsername,
		};
	});
	afterAll(async () => {
		await lp?.close();
		if (dir) rmSync(dir, { recursive: true, force: true });
	});

	it('is compiled with its type-check switched on', () => {
		const compiled = readFileSync(join(dir, 'consumer.ts'), 'utf8');
		expect(compiled).not.toContain('@ts-nocheck');
		expect(compiled).toContain("from 'amazon-cognito-identity-js'");
		for (const project of ['tsconfig.node16.json', 'tsconfig.bundler.json']) {
			const config = JSON.parse(readFileSync(join(dir, project), 'utf8')) as {
				compilerOptions: Record<string, unknown>;
			};
			expect(config.compilerOptions).toMatchObject({ strict: true, skipLibCheck: false });
		}
	});

	it('compiles under moduleResolution node16 (CommonJS) and bundler', async () => {
		const [node16, bundler] = await Promise.all([
			tsc(dir, 'tsconfig.node16.json'),
			tsc(dir, 'tsconfig.bundler.json'),
		]);
		expect(node16.output).toBe('');
		expect(node16.code).toBe(0);
		expect(bundler.output).toBe('');
		expect(bundler.code).toBe(0);
		expect(readFileSync(join(dir, 'out-node16', 'consumer.js'), 'utf8')).toContain(
			'require("amazon-cognito-identity-js")',
		);
		// The bundler build is ESM; Node runs it as such.
		writeFileSync(join(dir, 'out-bundler', 'package.json'), '{ "type": "module" }\n');
		expect(readFileSync(join(dir, 'out-bundler', 'consumer.js'), 'utf8')).toMatch(
			/from 'amazon-cognito-identity-js'/,
		);
	});

	it('rejects a misuse, so the typings are really checked (not any)', async () => {
		writeFileSync(
			join(dir, 'misuse.ts'),
			[
				"import { CognitoUserPool } from 'amazon-cognito-identity-js';",
				"const pool = new CognitoUserPool({ UserPoolId: 'us-east-1_a', ClientId: 'c' });",
				'export const id: number = pool.getUserPoolId();',
				'pool.signUp(1, 2, [], [], () => undefined);',
				'',
			].join('\n'),
		);
		writeFileSync(
			join(dir, 'tsconfig.misuse.json'),
			JSON.stringify({ extends: './tsconfig.node16.json', files: ['misuse.ts'] }),
		);
		const result = await tsc(dir, 'tsconfig.misuse.json');
		expect(result.code).not.toBe(0);
		expect(result.output).toMatch(/misuse\.ts\(3,14\): error TS2322/);
		expect(result.output).toMatch(/misuse\.ts\(4,13\): error TS2345/);
	});

	function offlineExpectations(report: Report): void {
		expect(report.crashed).toBeUndefined();
		expect(report.attribute).toEqual({
			name: 'name',
			value: 'Consumer',
			string: '{"Name":"name","Value":"Consumer"}',
			json: { Name: 'name', Value: 'Consumer' },
		});
		expect(report.details).toMatchObject({ validationData: { source: 'consumer' } });
		expect(report.tokens).toEqual({
			jwt: '',
			expiration: null,
			issuedAt: null,
			payload: {},
			refresh: '',
			accessPayload: {},
			sessionValid: false,
			sameId: true,
			sameAccess: true,
			sameRefresh: true,
		});
		expect(report.sessionWithoutAccess).toBe('Id token and Access Token must be present.');
		expect(report.cookies).toEqual({ missing: null, defaults: { path: '/', expires: 365 } });
		expect(report.cookieSameSiteNone).toBe(
			'sameSite = None requires the Secure attribute in latest browser versions.',
		);
		expect(report.wordArray).toMatch(/^[0-9a-f]{32}$/);
		expect(report.date).toMatch(/^[A-Z][a-z]{2} [A-Z][a-z]{2} \d{1,2} \d\d:\d\d:\d\d UTC \d{4}$/);
		expect(report.helperPoolName).toBe('abc');
		expect(report.poolErrors).toEqual([
			'Both UserPoolId and ClientId are required.',
			'Invalid UserPoolId format.',
		]);
		const missingToken = 'Local storage is missing an ID Token, Please authenticate';
		expect(report['getSession.none']).toEqual({ ok: false, message: missingToken });
		expect(report['getSession.options']).toEqual({ ok: false, message: missingToken });
		const guarded = [
			'getUserAttributes',
			'changePassword',
			'deleteAttributes',
			'updateAttributes',
			'getAttributeVerificationCode',
			'verifyAttribute',
			'deleteUser',
			'enableMFA',
			'disableMFA',
			'getMFAOptions',
			'getUserData',
			'setUserMfaPreference',
			'getDevice',
			'forgetDevice',
			'forgetSpecificDevice',
			'setDeviceStatusRemembered',
			'setDeviceStatusNotRemembered',
			'listDevices',
			'globalSignOut',
		];
		for (const name of guarded) {
			expect(report[`${name}.none`], name).toEqual({
				ok: false,
				message: 'User is not authenticated',
			});
		}
		// Without a session, associateSoftwareToken goes to the service with the challenge session.
		const network = { ok: false, code: 'NetworkError', message: 'Network error' };
		expect(report['associateSoftwareToken.none']).toEqual(network);
		const offline = [
			'authenticateUser',
			'initiateAuth',
			'confirmRegistration',
			'resendConfirmationCode',
			'forgotPassword',
			'confirmPassword',
			'sendCustomChallengeAnswer',
			'sendMFACode',
			'completeNewPasswordChallenge',
			'verifySoftwareToken',
			'sendMFASelectionAnswer',
			'signUp',
		];
		for (const name of offline) expect(report[`${name}.offline`], name).toEqual(network);
		expect(report.flowType).toBe('USER_PASSWORD_AUTH');
		expect(report.signInUserSession).toBeNull();
		expect(report['signOut.none']).toBeNull();
	}

	it('runs the CommonJS build offline: constructors, values and error paths', async () => {
		const report = await runConsumer(join(dir, 'out-node16', 'consumer.js'), {});
		offlineExpectations(report);
		expect(report.pool).toEqual({
			id: 'us-east-1_offline',
			name: 'offline',
			clientId: 'offline-client',
			currentUser: null,
		});
		expect(report.signUp).toBeUndefined();
	});

	it('runs the ES module build against the local pool: sign-up, SRP login, user calls, sign-out', async () => {
		const report = await runConsumer(join(dir, 'out-bundler', 'consumer.js'), onlineEnv);
		offlineExpectations(report);
		expect(report.signUp).toEqual({
			ok: true,
			value: {
				username: newUsername,
				userConfirmed: false,
				userSub: expect.stringMatching(/^[0-9a-f-]{36}$/),
				medium: 'EMAIL',
			},
		});
		expect(report.authenticateUser).toEqual({
			ok: true,
			value: { valid: true, userConfirmationNecessary: undefined },
		});
		expect(report.session).toEqual({ valid: true, username, current: username });
		expect(report.getSession).toEqual({ ok: true, value: true });
		expect(report.updateAttributes).toEqual({ ok: true, value: 'SUCCESS' });
		expect(report.getUserAttributes).toMatchObject({ ok: true });
		const attributes = (report.getUserAttributes as { value: string[] }).value;
		expect(attributes).toContain('name=Consumer');
		expect(attributes).toContain(`email=${username}@example.com`);
		expect(report.deleteAttributes).toEqual({ ok: true, value: 'SUCCESS' });
		expect(report.getUserData).toEqual({ ok: true, value: username });
		expect(report.refreshSession).toEqual({ ok: true, value: true });
		// Refreshes went through the pool's wrapper: deleteAttributes and getUserData (both
		// bypassCache with user data cached by then) and refreshSession. updateAttributes ran with
		// an empty cache, so it only fetched, as in the original.
		expect(report.wrappedRefreshCallbacks).toBe(3);
		expect(report.signOut).toEqual({ ok: true, value: null });
		expect(report.afterSignOut).toBeNull();
		expect(lp.outbox.last({ username: newUsername, kind: 'confirmation' })?.code).toMatch(
			/^\d{6}$/,
		);
	});
});
