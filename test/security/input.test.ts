import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalPool } from '../../server/index';
import { type Json, PASSWORD, api, expectError, ok, setup, srpLogin } from '../server/helpers';

const dir = mkdtempSync(join(tmpdir(), 'local-pool-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `{"<key>":{"<key>":…"<leaf>"…}}`, `depth` levels deep. */
const nested = (key: string, depth: number, leaf: string) =>
	`${`{"${key}":`.repeat(depth)}"${leaf}"${'}'.repeat(depth)}`;

const USERNAME_PATTERN =
	"1 validation error detected: Value at 'username' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+";
const USERNAME_LENGTH =
	"1 validation error detected: Value at 'username' failed to satisfy constraint: Member must have length less than or equal to 128";
const VALUE_LENGTH =
	"1 validation error detected: Value at 'userAttributes.1.member.value' failed to satisfy constraint: Member must have length less than or equal to 2048";

describe('a value that cannot be saved is refused up front (finding 8)', () => {
	it('a 20,000-deep TokenValidityUnits is refused, and every later change is still saved', async () => {
		const file = join(dir, 'deep.json');
		const lp = await startLocalPool({ port: 0, stateFile: file, log: () => undefined });
		const pool = await lp.createUserPool({ PoolName: 'deep' });
		const prefix = `{"UserPoolId":"${pool.Id}","ClientName":"deep","TokenValidityUnits":`;
		const deepUnit = await api(
			lp.url,
			'CreateUserPoolClient',
			`${prefix}${nested('AccessToken', 20_000, 'hours')}}`,
		);
		expectError(deepUnit, 'InvalidParameterException');
		// An unknown member is ignored, as the service ignores it, and never stored as given.
		const deepUnknown = await api(
			lp.url,
			'CreateUserPoolClient',
			`${prefix}{"IdToken":"minutes","Extra":${nested('x', 20_000, 'y')}}}`,
		);
		expect(deepUnknown.status, JSON.stringify(deepUnknown.body)).toBe(200);
		const client = deepUnknown.body.UserPoolClient as Json;
		expect(client.TokenValidityUnits).toEqual({ IdToken: 'minutes' });
		const later = await lp.createUserPool({ PoolName: 'later' });
		await lp.close();

		const again = await startLocalPool({ port: 0, stateFile: file });
		try {
			const got = await again.call('DescribeUserPool', { UserPoolId: later.Id });
			expect((got.UserPool as Json).Name).toBe('later');
			const saved = await again.call('DescribeUserPoolClient', {
				UserPoolId: pool.Id,
				ClientId: client.ClientId,
			});
			expect((saved.UserPoolClient as Json).TokenValidityUnits).toEqual({ IdToken: 'minutes' });
		} finally {
			await again.close();
		}
	});

	it('token validity units and ranges are the documented ones', async () => {
		const s = await setup();
		try {
			const create = (input: Json) =>
				api(s.url, 'CreateUserPoolClient', { UserPoolId: s.poolId, ClientName: 'v', ...input });
			expectError(
				await create({
					RefreshTokenValidity: 1,
					TokenValidityUnits: { RefreshToken: 'constructor' },
				}),
				'InvalidParameterException',
				"1 validation error detected: Value 'constructor' at 'tokenValidityUnits.refreshToken' failed to satisfy constraint: Member must satisfy enum value set: [seconds, minutes, hours, days]",
			);
			expectError(
				await create({ TokenValidityUnits: { AccessToken: 'weeks', IdToken: 'toString' } }),
				'InvalidParameterException',
				/^2 validation errors detected: Value 'weeks' at 'tokenValidityUnits.accessToken' .*; Value 'toString' at 'tokenValidityUnits.idToken' /,
			);
			for (const bad of [
				{ AccessTokenValidity: 2, TokenValidityUnits: { AccessToken: 'days' } },
				{ IdTokenValidity: 4, TokenValidityUnits: { IdToken: 'minutes' } },
				{ AccessTokenValidity: 60 }, // hours by default
				{ RefreshTokenValidity: 59, TokenValidityUnits: { RefreshToken: 'minutes' } },
				{ RefreshTokenValidity: 3651 },
			]) {
				expectError(
					await create(bad),
					'InvalidParameterException',
					'Invalid range for token validity.',
				);
			}
			expectError(
				await create({ AccessTokenValidity: 0 }),
				'InvalidParameterException',
				"1 validation error detected: Value '0' at 'accessTokenValidity' failed to satisfy constraint: Member must have value greater than or equal to 1",
			);
			const good = await create({
				AccessTokenValidity: 5,
				IdTokenValidity: 1,
				RefreshTokenValidity: 3650,
				TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'days', RefreshToken: 'days' },
			});
			expect(good.status, JSON.stringify(good.body)).toBe(200);
		} finally {
			await s.lp.close();
		}
	});

	it('pool settings outside their enums or ranges are refused', async () => {
		const lp = await startLocalPool({ port: 0 });
		try {
			const create = (input: Json) => api(lp.url, 'CreateUserPool', { PoolName: 'p', ...input });
			expectError(
				await create({ AutoVerifiedAttributes: ['email', 'constructor'] }),
				'InvalidParameterException',
				"1 validation error detected: Value 'constructor' at 'autoVerifiedAttributes.2.member' failed to satisfy constraint: Member must satisfy enum value set: [phone_number, email]",
			);
			expectError(
				await create({ Policies: { PasswordPolicy: { MinimumLength: 100 } } }),
				'InvalidParameterException',
				"1 validation error detected: Value '100' at 'policies.passwordPolicy.minimumLength' failed to satisfy constraint: Member must have value less than or equal to 99",
			);
			expectError(
				await create({ PoolName: 'bad\u0000name' }),
				'InvalidParameterException',
				/at 'poolName' failed to satisfy constraint: Member must satisfy regular expression pattern/,
			);
		} finally {
			await lp.close();
		}
	});
});

describe('prototype keys are ordinary keys (finding 15)', () => {
	it('usernames such as __proto__ and constructor sign up, sign in and survive a restart', async () => {
		const file = join(dir, 'proto.json');
		const s = await setup({}, {}, await startLocalPool({ port: 0, stateFile: file }));
		const names = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];
		for (const name of names) {
			const r = await api(s.url, 'SignUp', {
				ClientId: s.clientId,
				Username: name,
				Password: PASSWORD,
			});
			expect(r.status, `${name}: ${JSON.stringify(r.body)}`).toBe(200);
			await ok(s.url, 'AdminConfirmSignUp', { UserPoolId: s.poolId, Username: name });
			expect((await srpLogin(s, name, PASSWORD)).status).toBe(200);
		}
		expectError(
			await api(s.url, 'SignUp', {
				ClientId: s.clientId,
				Username: '__proto__',
				Password: PASSWORD,
			}),
			'UsernameExistsException',
			'User already exists',
		);
		const listed = await ok(s.url, 'ListUsers', { UserPoolId: s.poolId });
		expect((listed.Users as Json[]).map((u) => u.Username).sort()).toEqual([...names].sort());
		await s.lp.close();

		const lp = await startLocalPool({ port: 0, stateFile: file });
		try {
			for (const name of names) {
				const got = await ok(lp.url, 'AdminGetUser', { UserPoolId: s.poolId, Username: name });
				expect(got.Username).toBe(name);
			}
		} finally {
			await lp.close();
		}
	});

	it('a ListUsers filter on "constructor" finds nobody instead of failing', async () => {
		const s = await setup();
		try {
			await s.lp.createUser(s.poolId, 'ann', PASSWORD);
			for (const Filter of ['constructor = "x"', 'constructor ^= ""', '__proto__ ^= ""']) {
				const r = await api(s.url, 'ListUsers', { UserPoolId: s.poolId, Filter });
				expect(r.status, JSON.stringify(r.body)).toBe(200);
				expect(r.body.Users).toEqual([]);
			}
		} finally {
			await s.lp.close();
		}
	});
});

describe('input limits on every path (finding 16)', () => {
	const badNames: [string, string][] = [
		['a control character', 'bob\u0007'],
		['whitespace only', '   '],
		['a space', 'bob smith'],
		['a bidi override', 'evil\u202Egnp.exe'],
		['a zero-width space', 'bob\u200B'],
		['a line break', 'bob\n'],
	];

	it('names outside letters, marks, symbols, numbers and punctuation are refused everywhere', async () => {
		const s = await setup();
		try {
			await s.lp.createUser(s.poolId, 'existing', PASSWORD);
			for (const [what, name] of badNames) {
				const calls: [string, Json][] = [
					['SignUp', { ClientId: s.clientId, Username: name, Password: PASSWORD }],
					['AdminCreateUser', { UserPoolId: s.poolId, Username: name }],
					['ConfirmSignUp', { ClientId: s.clientId, Username: name, ConfirmationCode: '123456' }],
					['ForgotPassword', { ClientId: s.clientId, Username: name }],
					['AdminGetUser', { UserPoolId: s.poolId, Username: name }],
					['AdminSetUserPassword', { UserPoolId: s.poolId, Username: name, Password: PASSWORD }],
				];
				for (const [action, body] of calls) {
					const r = await api(s.url, action, body);
					expect(r.body.message, `${action} with ${what}`).toBe(USERNAME_PATTERN);
					expectError(r, 'InvalidParameterException');
				}
			}
			const listed = await ok(s.url, 'ListUsers', { UserPoolId: s.poolId });
			expect((listed.Users as Json[]).map((u) => u.Username)).toEqual(['existing']);
		} finally {
			await s.lp.close();
		}
	});

	it('a username longer than 128 characters is refused, AdminCreateUser included', async () => {
		const s = await setup();
		try {
			for (const action of ['AdminCreateUser', 'SignUp']) {
				const r = await api(s.url, action, {
					UserPoolId: s.poolId,
					ClientId: s.clientId,
					Username: 'x'.repeat(100_000),
					Password: PASSWORD,
				});
				expectError(r, 'InvalidParameterException', USERNAME_LENGTH);
			}
			expectError(
				await api(s.url, 'AdminCreateUser', { UserPoolId: s.poolId, Username: 'y'.repeat(129) }),
				'InvalidParameterException',
				USERNAME_LENGTH,
			);
			// Letters of any script, marks, symbols and punctuation are fine, up to 128 of them.
			for (const name of [
				'José',
				'ユーザー',
				'we\u0301ird',
				'rock😀',
				'a.b-c_d+e@f',
				'z'.repeat(128),
			]) {
				const r = await api(s.url, 'AdminCreateUser', { UserPoolId: s.poolId, Username: name });
				expect(r.status, `${name}: ${JSON.stringify(r.body)}`).toBe(200);
			}
		} finally {
			await s.lp.close();
		}
	});

	it('a device name longer than 1024 characters is refused', async () => {
		const s = await setup({
			DeviceConfiguration: {
				ChallengeRequiredOnNewDevice: false,
				DeviceOnlyRememberedOnUserPrompt: false,
			},
		});
		try {
			await s.lp.createUser(s.poolId, 'dev', PASSWORD);
			const result = (await srpLogin(s, 'dev', PASSWORD)).body.AuthenticationResult as Json;
			const device = result.NewDeviceMetadata as Json;
			const confirm = (DeviceName: string) =>
				api(s.url, 'ConfirmDevice', {
					AccessToken: result.AccessToken,
					DeviceKey: device.DeviceKey,
					DeviceSecretVerifierConfig: { Salt: 'AA==', PasswordVerifier: 'AA==' },
					DeviceName,
				});
			expectError(
				await confirm('d'.repeat(1025)),
				'InvalidParameterException',
				/^1 validation error detected: Value 'd+' at 'deviceName' failed to satisfy constraint: Member must have length less than or equal to 1024$/,
			);
			expect((await confirm('d'.repeat(1024))).status).toBe(200);
		} finally {
			await s.lp.close();
		}
	});

	it('attribute values longer than 2048 characters are refused on every path that sets them', async () => {
		const s = await setup();
		try {
			const long = [{ Name: 'name', Value: 'n'.repeat(2049) }];
			const fine = [{ Name: 'name', Value: 'n'.repeat(2048) }];
			expectError(
				await api(s.url, 'SignUp', {
					ClientId: s.clientId,
					Username: 'sam',
					Password: PASSWORD,
					UserAttributes: long,
				}),
				'InvalidParameterException',
				VALUE_LENGTH,
			);
			expectError(
				await api(s.url, 'AdminCreateUser', {
					UserPoolId: s.poolId,
					Username: 'sam',
					UserAttributes: [{ Name: 'nickname', Value: 'x'.repeat(600_000) }],
				}),
				'InvalidParameterException',
				VALUE_LENGTH,
			);
			await s.lp.createUser(s.poolId, 'sam', PASSWORD);
			expectError(
				await api(s.url, 'AdminUpdateUserAttributes', {
					UserPoolId: s.poolId,
					Username: 'sam',
					UserAttributes: long,
				}),
				'InvalidParameterException',
				VALUE_LENGTH,
			);
			const login = await srpLogin(s, 'sam', PASSWORD);
			const access = (login.body.AuthenticationResult as Json).AccessToken;
			expectError(
				await api(s.url, 'UpdateUserAttributes', { AccessToken: access, UserAttributes: long }),
				'InvalidParameterException',
				VALUE_LENGTH,
			);
			await ok(s.url, 'UpdateUserAttributes', { AccessToken: access, UserAttributes: fine });

			// NEW_PASSWORD_REQUIRED sets attributes too.
			await ok(s.url, 'AdminCreateUser', {
				UserPoolId: s.poolId,
				Username: 'tina',
				TemporaryPassword: 'Temp0rary!',
				MessageAction: 'SUPPRESS',
			});
			const challenge = await srpLogin(s, 'tina', 'Temp0rary!');
			expect(challenge.body.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
			expectError(
				await api(s.url, 'RespondToAuthChallenge', {
					ChallengeName: 'NEW_PASSWORD_REQUIRED',
					ClientId: s.clientId,
					Session: challenge.body.Session,
					ChallengeResponses: {
						USERNAME: 'tina',
						NEW_PASSWORD: PASSWORD,
						'userAttributes.name': 'n'.repeat(2049),
					},
				}),
				'InvalidParameterException',
				VALUE_LENGTH,
			);
			const tina = await ok(s.url, 'AdminGetUser', { UserPoolId: s.poolId, Username: 'tina' });
			expect(tina.UserStatus).toBe('FORCE_CHANGE_PASSWORD');
		} finally {
			await s.lp.close();
		}
	});
});
