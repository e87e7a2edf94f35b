// `npm run demo`: a guided tour of the library against the local user pool (server/).
// It uses the built package the way an application does (lib/, built first when missing or
// older than src/), signs a new user up and walks through sign-in with SRP, a remembered
// device, attributes, a passwordless email-code sign-in with rotating refresh tokens, TOTP MFA,
// refresh and sign-out, printing what happened at each step.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type * as Cognito from '../src/index';
import { type LocalPool, startLocalPool, totpAt } from '../server';

const ROOT = resolve(__dirname, '..');
const PASSWORD = 'Demo!Passw0rd';

/** Newest modification time of the files under a folder. */
function newest(dir: string): number {
	let latest = 0;
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
	}
	return latest;
}

/** Builds lib/, es/ and dist/ unless they exist and are newer than every source file. */
function buildIfNeeded(): string {
	if (process.env.DEMO_SKIP_BUILD === '1') return 'skipped (DEMO_SKIP_BUILD=1)';
	const outputs = ['lib/index.js', 'es/index.js', 'dist/amazon-cognito-identity.min.js'].map(
		(file) => join(ROOT, file),
	);
	const sources = newest(join(ROOT, 'src'));
	if (outputs.every((file) => existsSync(file) && statSync(file).mtimeMs >= sources)) {
		return 'up to date';
	}
	execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
	return 'rebuilt from src/';
}

/** The code an authenticator app would show (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits). */
const totp = (secret: string, now = Date.now()): string => totpAt(secret, now);

/** A separate token store per simulated device (a browser's localStorage, say). */
class DeviceStorage implements Cognito.ICognitoStorage {
	private data = new Map<string, string>();
	setItem(key: string, value: string): void {
		this.data.set(key, value);
	}
	getItem(key: string): string | null {
		return this.data.get(key) ?? null;
	}
	removeItem(key: string): void {
		this.data.delete(key);
	}
	clear(): void {
		this.data.clear();
	}
}

const claims = (jwt: string): Record<string, unknown> =>
	JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
		string,
		unknown
	>;

let stepNo = 0;
function step(title: string, detail: string): void {
	stepNo += 1;
	console.log(`${String(stepNo).padStart(2)}. ✓ ${title}: ${detail}`);
}

async function outboxCode(lp: LocalPool, poolId: string, username: string, kind: string) {
	const url = `${lp.url}/_local/outbox?pool=${poolId}&username=${username}&kind=${kind}`;
	const body = (await (await fetch(url)).json()) as { messages: { code: string }[] };
	const last = body.messages.at(-1);
	if (!last) throw new Error(`no ${kind} message in the outbox`);
	return last.code;
}

async function main(): Promise<void> {
	const started = performance.now();
	const build = buildIfNeeded();
	// The built CommonJS package, as `require('amazon-cognito-identity-js')` would load it.
	const lib = createRequire(__filename)(join(ROOT, 'lib')) as typeof Cognito;
	const lp = await startLocalPool({ port: 0 });
	try {
		const pool = await lp.createUserPool({
			PoolName: 'demo',
			AutoVerifiedAttributes: ['email'],
			MfaConfiguration: 'OPTIONAL',
			// The Essentials tier, with email codes as a first factor: choice-based sign-in.
			UserPoolTier: 'ESSENTIALS',
			Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] } },
			DeviceConfiguration: {
				ChallengeRequiredOnNewDevice: true,
				DeviceOnlyRememberedOnUserPrompt: true,
			},
		});
		const client = await lp.createUserPoolClient(pool.Id, { ClientName: 'demo-app' });
		// A second app, signing in by choice (USER_AUTH) and rotating its refresh tokens.
		const passwordless = await lp.createUserPoolClient(pool.Id, {
			ClientName: 'demo-passwordless',
			ExplicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
			RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 0 },
		});
		console.log(`amazon-cognito-identity-js demo (build: ${build})`);
		console.log(
			`Local user pool ${pool.Id} on ${lp.url}: device tracking on, MFA optional; app clients ${client.ClientId} and ${passwordless.ClientId} (email codes, rotating refresh tokens)\n`,
		);
		await tour(lib, lp, pool.Id, client.ClientId, passwordless.ClientId);
		console.log(`\nDone in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
	} finally {
		await lp.close();
	}
}

async function tour(
	lib: typeof Cognito,
	lp: LocalPool,
	poolId: string,
	clientId: string,
	passwordlessClientId: string,
) {
	const username = `demo-${Date.now().toString(36)}`;
	const laptop = new DeviceStorage();
	const userPool = new lib.CognitoUserPool({
		UserPoolId: poolId,
		ClientId: clientId,
		endpoint: lp.url,
		Storage: laptop,
	});
	const newUser = (storage: Cognito.ICognitoStorage) =>
		new lib.CognitoUser({ Username: username, Pool: userPool, Storage: storage });
	const details = new lib.AuthenticationDetails({ Username: username, Password: PASSWORD });
	const timings: string[] = [];

	// 1. Sign up
	const signUp = await new Promise<Cognito.ISignUpResult>((ok, fail) =>
		userPool.signUp(
			username,
			PASSWORD,
			[new lib.CognitoUserAttribute({ Name: 'email', Value: `${username}@example.com` })],
			[],
			(err, result) => (err || !result ? fail(err) : ok(result)),
		),
	);
	const delivery = signUp.codeDeliveryDetails;
	step(
		'Sign up',
		`${username} registered (confirmed: ${signUp.userConfirmed}); code sent by ${delivery.DeliveryMedium} to ${delivery.Destination}`,
	);

	// 2. Confirm
	const code = await outboxCode(lp, poolId, username, 'confirmation');
	const confirmed = await new Promise<unknown>((ok, fail) =>
		signUp.user.confirmRegistration(code, true, (err, result) => (err ? fail(err) : ok(result))),
	);
	step('Confirm sign-up', `code ${code} read from the outbox → ${String(confirmed)}`);

	// 3. SRP sign-in on a new device, which the user chooses to remember
	const user = newUser(laptop);
	let t0 = performance.now();
	const first = await new Promise<{ session: Cognito.CognitoUserSession; ask?: boolean }>(
		(ok, fail) =>
			user.authenticateUser(details, {
				onSuccess: (session, ask) => ok({ session, ask }),
				onFailure: fail,
			}),
	);
	const srpMs = performance.now() - t0;
	await new Promise((ok, fail) =>
		user.setDeviceStatusRemembered({ onSuccess: ok, onFailure: fail }),
	);
	timings.push(`SRP login ${srpMs.toFixed(0)} ms`);
	step(
		'SRP login',
		`tokens in ${srpMs.toFixed(0)} ms (SRP + new device confirmed); asked to remember: ${first.ask === true}; device ${user.deviceKey} remembered`,
	);

	// 4. Signing in again on the same device: device SRP
	const again = newUser(laptop);
	t0 = performance.now();
	const second = await new Promise<Cognito.CognitoUserSession>((ok, fail) =>
		again.authenticateUser(details, { onSuccess: ok, onFailure: fail }),
	);
	const deviceMs = performance.now() - t0;
	const deviceClaim = claims(second.getAccessToken().getJwtToken()).device_key;
	if (deviceClaim !== user.deviceKey) throw new Error('the second login did not use the device');
	timings.push(`device SRP login ${deviceMs.toFixed(0)} ms`);
	step(
		'Device SRP login',
		`tokens in ${deviceMs.toFixed(0)} ms (password SRP + device SRP); access token bound to the remembered device`,
	);

	// 5. Attributes
	await new Promise((ok, fail) =>
		again.updateAttributes(
			[new lib.CognitoUserAttribute({ Name: 'nickname', Value: 'Demo' })],
			(err, result) => (err ? fail(err) : ok(result)),
		),
	);
	const attributes = await new Promise<Cognito.CognitoUserAttribute[]>((ok, fail) =>
		again.getUserAttributes((err, result) => (err || !result ? fail(err) : ok(result))),
	);
	step(
		'Attributes',
		'nickname set; now ' +
			attributes
				.filter((a) => a.getName() !== 'sub')
				.map((a) => `${a.getName()}=${a.getValue()}`)
				.join(', '),
	);

	await passwordlessTour(lib, lp, poolId, passwordlessClientId, username);

	// 8. TOTP MFA: associate an authenticator, verify a code, prefer it
	const secret = await new Promise<string>((ok, fail) =>
		again.associateSoftwareToken({ associateSecretCode: ok, onFailure: fail }),
	);
	const setupCode = totp(secret);
	await new Promise((ok, fail) =>
		again.verifySoftwareToken(setupCode, 'Demo authenticator', { onSuccess: ok, onFailure: fail }),
	);
	await new Promise((ok, fail) =>
		again.setUserMfaPreference(null, { PreferredMfa: true, Enabled: true }, (err, result) =>
			err ? fail(err) : ok(result),
		),
	);
	step(
		'TOTP MFA',
		`secret ${secret.slice(0, 4)}… associated, verified with code ${setupCode}, TOTP set as preferred`,
	);

	// 9. A sign-in from another device now asks for the TOTP code
	const phoneUser = newUser(new DeviceStorage());
	let asked = 0;
	t0 = performance.now();
	await new Promise<Cognito.CognitoUserSession>((ok, fail) =>
		phoneUser.authenticateUser(details, {
			onSuccess: ok,
			onFailure: fail,
			totpRequired() {
				asked += 1;
				// The pool accepts each code once, so this is the next 30-second step's (within skew).
				phoneUser.sendMFACode(totp(secret, Date.now() + 30_000), this, 'SOFTWARE_TOKEN_MFA');
			},
		}),
	);
	const totpMs = performance.now() - t0;
	if (asked !== 1) throw new Error('TOTP was not asked for');
	timings.push(`SRP + TOTP login ${totpMs.toFixed(0)} ms`);
	step(
		'Login with TOTP',
		`new device, so the pool asked for a TOTP code; code accepted, tokens in ${totpMs.toFixed(0)} ms`,
	);

	// 10. Refresh
	const session = phoneUser.getSignInUserSession() as Cognito.CognitoUserSession;
	const refreshed = await new Promise<Cognito.CognitoUserSession>((ok, fail) =>
		phoneUser.refreshSession(session.getRefreshToken(), (err, s) =>
			err || !s ? fail(err) : ok(s as Cognito.CognitoUserSession),
		),
	);
	const changed = refreshed.getIdToken().getJwtToken() !== session.getIdToken().getJwtToken();
	if (!changed) throw new Error('refresh returned the same id token');
	const expires = new Date(refreshed.getIdToken().getExpiration() * 1000).toISOString();
	step('Refresh', `new id and access tokens from the refresh token; valid until ${expires}`);

	// 11. Sign out, revoking the refresh token
	const refreshToken = refreshed.getRefreshToken();
	await new Promise<void>((ok, fail) => phoneUser.signOut((err) => (err ? fail(err) : ok())));
	const after = await new Promise<string>((ok) =>
		phoneUser.refreshSession(refreshToken, (err) =>
			ok(err ? String((err as Error & { code?: string }).code) : 'accepted'),
		),
	);
	if (after !== 'NotAuthorizedException') throw new Error(`revoked token was ${after}`);
	step(
		'Sign-out',
		`tokens cleared and refresh token revoked; refreshing with it now fails (${after})`,
	);

	console.log(`\nTimings: ${timings.join(', ')}`);
}

/** Steps 6 and 7, on the second app: an email code instead of the password, then rotation. */
async function passwordlessTour(
	lib: typeof Cognito,
	lp: LocalPool,
	poolId: string,
	clientId: string,
	username: string,
) {
	// 6. Email-code sign-in on a tablet: USER_AUTH with EMAIL_OTP as the preferred factor
	const tablet = new DeviceStorage();
	const pool = new lib.CognitoUserPool({
		UserPoolId: poolId,
		ClientId: clientId,
		endpoint: lp.url,
		Storage: tablet,
		RefreshTokenRotation: true,
	});
	const user = new lib.CognitoUser({ Username: username, Pool: pool, Storage: tablet });
	user.setAuthenticationFlowType('USER_AUTH');
	const details = new lib.AuthenticationDetails({
		Username: username,
		PreferredChallenge: 'EMAIL_OTP',
	});
	let sentTo = '';
	let otp = '';
	const t0 = performance.now();
	const session = await new Promise<Cognito.CognitoUserSession>((ok, fail) =>
		user.authenticateUser(details, {
			onSuccess: ok,
			onFailure: fail,
			emailOtpRequired(_challengeName, parameters) {
				sentTo = String(parameters.CODE_DELIVERY_DESTINATION);
				outboxCode(lp, poolId, username, 'email-otp').then((code) => {
					otp = code;
					user.sendOtpCode(code, this);
				}, fail);
			},
		}),
	);
	if (!otp || !session.isValid()) throw new Error('the email code did not sign in');
	step(
		'Email-code login',
		`no password: code ${otp} emailed to ${sentTo}, read from the outbox; tokens in ${(performance.now() - t0).toFixed(0)} ms`,
	);

	// 7. Refresh-token rotation: a new refresh token with every refresh, stored at once
	const spent = session.getRefreshToken();
	const rotated = await new Promise<Cognito.CognitoUserSession>((ok, fail) =>
		user.refreshSession(spent, (err, s) =>
			err || !s ? fail(err) : ok(s as Cognito.CognitoUserSession),
		),
	);
	const next = rotated.getRefreshToken().getToken();
	const key = `CognitoIdentityServiceProvider.${clientId}.${username}.refreshToken`;
	if (next === spent.getToken() || tablet.getItem(key) !== next) {
		throw new Error('the refresh token did not rotate into storage');
	}
	// The spent token, presented from somewhere that never saw the rotation (a stolen copy).
	const elsewhere = new lib.CognitoUser({
		Username: username,
		Pool: pool,
		Storage: new DeviceStorage(),
	});
	const reuse = await new Promise<string>((ok) =>
		elsewhere.refreshSession(spent, (err) =>
			ok(err ? String((err as Error & { code?: string }).code) : 'accepted'),
		),
	);
	if (reuse !== 'RefreshTokenReuseException') throw new Error(`the spent token was ${reuse}`);
	step(
		'Refresh-token rotation',
		`refresh returned a new refresh token, stored before the callback; the spent one is now refused (${reuse})`,
	);
}

// A callback that never fires would otherwise leave the demo (and its server) waiting forever.
setTimeout(() => {
	console.error(`${String(stepNo + 1).padStart(2)}. ✗ no answer after 60 s`);
	process.exit(1);
}, 60_000).unref();

main().catch((error: unknown) => {
	console.error(`${String(stepNo + 1).padStart(2)}. ✗ failed:`, error);
	process.exitCode = 1;
});
