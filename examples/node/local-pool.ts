// Sets up the local user pool (server/) the examples need and runs them against it:
//   npx tsx examples/node/local-pool.ts            # both runners, CommonJS and ES module
//   npx tsx examples/node/local-pool.ts --write-config cfg.json   # only start it and write the config
// The e2e tests import createExampleConfig from here.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LocalPool, ONE_TIME_CODE_TRIGGERS, startLocalPool } from '../../server';

export interface PoolProfile {
	UserPoolId: string;
	ClientId: string;
	/** A rotating client's grace period, which use case 41 waits out. */
	RetryGracePeriodSeconds?: number;
}

type ProfileName =
	'basic' | 'mfaOptional' | 'mfaOn' | 'devices' | 'choice' | 'emailMfa' | 'emailMfaOn' | 'rotation';

export interface ExampleConfig {
	endpoint: string;
	region: string;
	password: string;
	usernamePrefix: string;
	profiles: Record<ProfileName, PoolProfile>;
	invitedUser: { profile: 'basic'; username: string };
}

/** The rotating client's grace period: short, since use case 41 waits it out. */
const ROTATION_GRACE_SECONDS = 1;

const FLOWS = [
	'ALLOW_USER_SRP_AUTH',
	'ALLOW_CUSTOM_AUTH',
	'ALLOW_USER_PASSWORD_AUTH',
	'ALLOW_REFRESH_TOKEN_AUTH',
];

async function profile(
	lp: LocalPool,
	name: string,
	pool: Record<string, unknown>,
	clientExtra: {
		ExplicitAuthFlows?: string[];
		RefreshTokenRotation?: Record<string, unknown>;
	} = {},
) {
	// The built-in one-time-code triggers, which use case 25 (CUSTOM_AUTH) signs in with.
	const created = await lp.createUserPool({
		PoolName: `examples-${name}`,
		AutoVerifiedAttributes: ['email'],
		LambdaConfig: ONE_TIME_CODE_TRIGGERS,
		...pool,
	});
	// LEGACY: the examples show UserNotFoundException after a user deleted themselves.
	const client = await lp.createUserPoolClient(created.Id, {
		ClientName: `examples-${name}`,
		ExplicitAuthFlows: FLOWS,
		PreventUserExistenceErrors: 'LEGACY',
		...clientExtra,
	});
	return { UserPoolId: created.Id, ClientId: client.ClientId };
}

/** A pool whose users may take email (or TOTP) as their MFA method. */
async function emailMfaProfile(lp: LocalPool, name: string, MfaConfiguration: 'OPTIONAL' | 'ON') {
	const created = await profile(lp, name, { UserPoolTier: 'ESSENTIALS', MfaConfiguration });
	await lp.call('SetUserPoolMfaConfig', {
		UserPoolId: created.UserPoolId,
		MfaConfiguration,
		SoftwareTokenMfaConfiguration: { Enabled: true },
		EmailMfaConfiguration: { Message: 'Your code is {####}', Subject: 'Your sign-in code' },
	});
	return created;
}

/** The pools and clients every use case needs. */
export async function createExamplePools(lp: LocalPool): Promise<ExampleConfig['profiles']> {
	return {
		basic: await profile(lp, 'basic', {}),
		mfaOptional: await profile(lp, 'mfa-optional', { MfaConfiguration: 'OPTIONAL' }),
		mfaOn: await profile(lp, 'mfa-on', { MfaConfiguration: 'ON' }),
		devices: await profile(lp, 'devices', {
			DeviceConfiguration: {
				ChallengeRequiredOnNewDevice: true,
				DeviceOnlyRememberedOnUserPrompt: true,
			},
		}),
		// Use cases 33 onward: what Cognito added since 2024 (choice-based sign-in, one-time
		// codes, email MFA, rotating refresh tokens).
		choice: await profile(
			lp,
			'choice',
			{
				UserPoolTier: 'ESSENTIALS',
				Policies: {
					SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP'] },
				},
			},
			{ ExplicitAuthFlows: [...FLOWS, 'ALLOW_USER_AUTH'] },
		),
		emailMfa: await emailMfaProfile(lp, 'email-mfa', 'OPTIONAL'),
		emailMfaOn: await emailMfaProfile(lp, 'email-mfa-on', 'ON'),
		rotation: {
			...(await profile(
				lp,
				'rotation',
				{},
				{
					RefreshTokenRotation: {
						Feature: 'ENABLED',
						RetryGracePeriodSeconds: ROTATION_GRACE_SECONDS,
					},
				},
			)),
			RetryGracePeriodSeconds: ROTATION_GRACE_SECONDS,
		},
	};
}

/**
 * A configuration for one run of a runner: its own username prefix and its own invited user
 * (created by an administrator, with the temporary password in the outbox's invitation).
 */
export async function createExampleConfig(
	lp: LocalPool,
	profiles: ExampleConfig['profiles'],
	runName: string,
): Promise<ExampleConfig> {
	const invited = `${runName}-invited-${Date.now().toString(36)}`;
	await lp.call('AdminCreateUser', {
		UserPoolId: profiles.basic.UserPoolId,
		Username: invited,
		UserAttributes: [
			{ Name: 'email', Value: `${invited}@example.com` },
			{ Name: 'email_verified', Value: 'true' },
		],
	});
	return {
		endpoint: lp.url,
		region: 'us-east-1',
		password: 'Examp1e!Passw0rd',
		usernamePrefix: runName,
		profiles,
		invitedUser: { profile: 'basic', username: invited },
	};
}

async function main(): Promise<void> {
	const lp = await startLocalPool({ port: 0 });
	const profiles = await createExamplePools(lp);
	const argv = process.argv.slice(2);
	const writeTo = argv.indexOf('--write-config');
	if (writeTo >= 0) {
		const file = argv[writeTo + 1] ?? 'examples-config.json';
		writeFileSync(file, JSON.stringify(await createExampleConfig(lp, profiles, 'manual'), null, 2));
		console.log(`Local pool on ${lp.url}; configuration in ${file}. Ctrl-C to stop.`);
		return;
	}
	const dir = mkdtempSync(join(tmpdir(), 'cognito-examples-'));
	let failed = false;
	for (const [mode, args] of [
		['cjs', ['--no-experimental-fetch', join(__dirname, 'run-all.cjs')]],
		['esm', [join(__dirname, 'run-all.mjs')]],
	] as const) {
		const file = join(dir, `${mode}.json`);
		writeFileSync(file, JSON.stringify(await createExampleConfig(lp, profiles, mode)));
		console.log(`\n=== ${mode}: node ${args.join(' ')} ===`);
		// Asynchronously, so that this process keeps serving the pool meanwhile.
		const status = await new Promise<number | null>((resolve) => {
			const child = spawn(process.execPath, [...args, file], {
				stdio: ['ignore', 'ignore', 'inherit'],
			});
			child.on('exit', (code) => resolve(code));
		});
		failed ||= status !== 0;
	}
	await lp.close();
	process.exitCode = failed ? 1 : 0;
}

// Only when run directly (tsx), not when a test imports the setup functions.
if (typeof require !== 'undefined' && require.main === module) void main();
