import { randomBytes } from 'node:crypto';
import { checkTokenValidity } from '../constraints';
import { MSG, err, invalidParameter, resourceNotFound } from '../errors';
import type { Service } from '../service';
import {
	type ClientConfig,
	type MfaConfiguration,
	type PoolConfig,
	type PoolRecord,
	type UserRecord,
	own,
} from '../state';
import {
	type Json,
	optAttributes,
	optBool,
	optNumber,
	optObject,
	optString,
	optStringArray,
	optTokenValidityUnits,
	reqString,
} from '../validate';
import { TRIGGER_NAMES } from '../customAuth';
import { applyAttributes, checkAttributeName } from './attributes';
import { describePool, signInSettings } from './poolConfig';
import { confirmUser, newUser, resolveSignUpName } from './signup';
import { applyMfaPreference, attributeList, mfaSummary, removeUser } from './user';

const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const LOWER = 'abcdefghijklmnopqrstuvwxyz0123456789';

function randomFrom(alphabet: string, length: number): string {
	return [...randomBytes(length)].map((b) => alphabet[b % alphabet.length]).join('');
}

export function createUserPool(svc: Service, body: Json): Json {
	const name = reqString(body, 'PoolName');
	const policies = optObject(body, 'Policies');
	const pp = (policies && optObject(policies, 'PasswordPolicy')) ?? {};
	// Its enum was checked with the other members (constraints.ts).
	const mfa = optString(body, 'MfaConfiguration') ?? 'OFF';
	const signIn = signInSettings(body, policies);
	const usernameAttributes = optStringArray(body, 'UsernameAttributes');
	const aliasAttributes = optStringArray(body, 'AliasAttributes');
	if (usernameAttributes?.length && aliasAttributes?.length) {
		throw invalidParameter(
			'Only one of the aliasAttributes or usernameAttributes can be set in a User Pool',
		);
	}
	const device = optObject(body, 'DeviceConfiguration');
	const id = `${svc.options.region}_${randomFrom(ALNUM, 9)}`;
	const now = svc.now() / 1000;
	const config: PoolConfig = {
		Id: id,
		Name: name,
		Arn: `arn:aws:cognito-idp:${svc.options.region}:000000000000:userpool/${id}`,
		Policies: {
			PasswordPolicy: {
				MinimumLength: optNumber(pp, 'MinimumLength') ?? 8,
				RequireUppercase: optBool(pp, 'RequireUppercase') ?? true,
				RequireLowercase: optBool(pp, 'RequireLowercase') ?? true,
				RequireNumbers: optBool(pp, 'RequireNumbers') ?? true,
				RequireSymbols: optBool(pp, 'RequireSymbols') ?? true,
				TemporaryPasswordValidityDays: optNumber(pp, 'TemporaryPasswordValidityDays') ?? 7,
			},
			SignInPolicy: { AllowedFirstAuthFactors: signIn.factors },
		},
		MfaConfiguration: mfa as MfaConfiguration,
		UserPoolTier: signIn.tier,
		AutoVerifiedAttributes: optStringArray(body, 'AutoVerifiedAttributes') ?? [],
		CreationDate: now,
		LastModifiedDate: now,
	};
	if (device) {
		config.DeviceConfiguration = {
			ChallengeRequiredOnNewDevice: optBool(device, 'ChallengeRequiredOnNewDevice') ?? false,
			DeviceOnlyRememberedOnUserPrompt:
				optBool(device, 'DeviceOnlyRememberedOnUserPrompt') ?? false,
		};
	}
	const lambda = optObject(body, 'LambdaConfig');
	if (lambda) {
		config.LambdaConfig = {};
		// Only the custom-auth triggers mean something here; each is kept as a checked string.
		for (const name of TRIGGER_NAMES) {
			const arn = optString(lambda, name);
			if (arn === undefined) continue;
			if (arn.length < 20 || arn.length > 2048 || !arn.startsWith('arn:')) {
				throw invalidParameter(`Invalid ARN for LambdaConfig.${name}`);
			}
			config.LambdaConfig[name] = arn;
		}
	}
	if (usernameAttributes?.length) config.UsernameAttributes = usernameAttributes;
	if (aliasAttributes?.length) config.AliasAttributes = aliasAttributes;
	svc.state.pools[id] = { config, clients: {}, users: {}, devices: {} };
	svc.changed();
	return { UserPool: describePool(svc.pool(id)) };
}

export function describeUserPool(svc: Service, body: Json): Json {
	return { UserPool: describePool(svc.pool(reqString(body, 'UserPoolId'))) };
}

export function createUserPoolClient(svc: Service, body: Json): Json {
	const pool = svc.pool(reqString(body, 'UserPoolId'));
	const prevent = optString(body, 'PreventUserExistenceErrors') ?? 'ENABLED';
	if (prevent !== 'ENABLED' && prevent !== 'LEGACY') {
		throw invalidParameter(`Invalid PreventUserExistenceErrors value: ${prevent}`);
	}
	const now = svc.now() / 1000;
	const client: ClientConfig = {
		ClientId: randomFrom(LOWER, 26),
		ClientName: reqString(body, 'ClientName'),
		UserPoolId: pool.config.Id,
		ExplicitAuthFlows: optStringArray(body, 'ExplicitAuthFlows') ?? [
			'ALLOW_USER_SRP_AUTH',
			'ALLOW_CUSTOM_AUTH',
			'ALLOW_REFRESH_TOKEN_AUTH',
		],
		AccessTokenValidity: optNumber(body, 'AccessTokenValidity'),
		IdTokenValidity: optNumber(body, 'IdTokenValidity'),
		RefreshTokenValidity: optNumber(body, 'RefreshTokenValidity'),
		TokenValidityUnits: optTokenValidityUnits(body),
		PreventUserExistenceErrors: prevent,
		EnableTokenRevocation: optBool(body, 'EnableTokenRevocation') ?? true,
		RefreshTokenRotation: refreshTokenRotation(body),
		CreationDate: now,
		LastModifiedDate: now,
	};
	checkTokenValidity(client);
	if (optBool(body, 'GenerateSecret')) client.ClientSecret = randomFrom(LOWER, 51);
	pool.clients[client.ClientId] = client;
	svc.changed();
	return { UserPoolClient: { ...client } };
}

/** RefreshTokenRotation as the service returns it (values checked in constraints.ts). */
function refreshTokenRotation(body: Json): ClientConfig['RefreshTokenRotation'] {
	const given = optObject(body, 'RefreshTokenRotation');
	if (!given) return undefined;
	const feature = optString(given, 'Feature') === 'ENABLED' ? 'ENABLED' : 'DISABLED';
	return {
		Feature: feature,
		RetryGracePeriodSeconds: optNumber(given, 'RetryGracePeriodSeconds') ?? 0,
	};
}

export function describeUserPoolClient(svc: Service, body: Json): Json {
	const pool = svc.pool(reqString(body, 'UserPoolId'));
	const clientId = reqString(body, 'ClientId');
	const client = own(pool.clients, clientId);
	if (!client) throw resourceNotFound(`User pool client ${clientId} does not exist.`);
	return { UserPoolClient: { ...client } };
}

function adminUser(svc: Service, body: Json): { pool: PoolRecord; user: UserRecord } {
	const pool = svc.pool(reqString(body, 'UserPoolId'));
	const user = svc.findUser(pool, reqString(body, 'Username'));
	if (!user) throw err('UserNotFoundException', MSG.userNotFound);
	return { pool, user };
}

export function userType(user: UserRecord, attributesKey = 'Attributes'): Json {
	return {
		Username: user.username,
		[attributesKey]: attributeList(user),
		UserCreateDate: user.created / 1000,
		UserLastModifiedDate: user.modified / 1000,
		Enabled: user.enabled,
		UserStatus: user.status,
		...mfaSummary(user),
	};
}

function temporaryPassword(): string {
	// Satisfies the strictest policy: upper, lower, digit, symbol, length 16.
	return `Aa1!${randomBytes(9).toString('base64url')}`;
}

export function adminCreateUser(svc: Service, body: Json): Json {
	const pool = svc.pool(reqString(body, 'UserPoolId'));
	const name = reqString(body, 'Username');
	const given = optAttributes(body, 'UserAttributes') ?? [];
	for (const a of given) checkAttributeName(a.Name, true);
	const resolved = resolveSignUpName(
		pool,
		name,
		Object.fromEntries(given.map((a) => [a.Name, a.Value])),
	);
	const password = optString(body, 'TemporaryPassword') ?? temporaryPassword();
	svc.validatePassword(pool, password);
	const user = newUser(svc, resolved.username, resolved.attrs);
	svc.setPassword(pool, user, password);
	user.status = 'FORCE_CHANGE_PASSWORD';
	user.temporaryPasswordSetAt = svc.now();
	pool.users[user.username] = user;
	if (optString(body, 'MessageAction') !== 'SUPPRESS') {
		const delivery = svc.deliveryFor(user, ['email', 'phone_number']);
		if (delivery) svc.deliver(pool, user, 'invitation', password, delivery);
	}
	svc.changed();
	return { User: userType(user) };
}

export function adminConfirmSignUp(svc: Service, body: Json): Json {
	const { pool, user } = adminUser(svc, body);
	confirmUser(svc, pool, user);
	return {};
}

export function adminGetUser(svc: Service, body: Json): Json {
	return userType(adminUser(svc, body).user, 'UserAttributes');
}

export function adminDeleteUser(svc: Service, body: Json): Json {
	const { pool, user } = adminUser(svc, body);
	removeUser(svc, pool.config.Id, user.username);
	return {};
}

export function adminSetUserPassword(svc: Service, body: Json): Json {
	const { pool, user } = adminUser(svc, body);
	const password = reqString(body, 'Password');
	svc.validatePassword(pool, password);
	svc.setPassword(pool, user, password);
	user.status = optBool(body, 'Permanent') ? 'CONFIRMED' : 'FORCE_CHANGE_PASSWORD';
	user.temporaryPasswordSetAt = user.status === 'FORCE_CHANGE_PASSWORD' ? svc.now() : undefined;
	svc.changed();
	return {};
}

export function adminSetUserMFAPreference(svc: Service, body: Json): Json {
	const { pool, user } = adminUser(svc, body);
	applyMfaPreference(svc, pool, user, body);
	return {};
}

export function adminUpdateUserAttributes(svc: Service, body: Json): Json {
	const { pool, user } = adminUser(svc, body);
	applyAttributes(svc, pool, user, optAttributes(body, 'UserAttributes') ?? [], {
		sendCodes: false,
		admin: true,
	});
	return {};
}

export function listUsers(svc: Service, body: Json): Json {
	const pool = svc.pool(reqString(body, 'UserPoolId'));
	const limit = optNumber(body, 'Limit') ?? 60;
	const filter = optString(body, 'Filter');
	let users = Object.values(pool.users).sort(
		(a, b) => a.created - b.created || a.username.localeCompare(b.username),
	);
	if (filter) {
		const m = /^\s*([\w:]+)\s*(\^?=)\s*"((?:[^"\\]|\\.)*)"\s*$/.exec(filter);
		if (!m) throw invalidParameter('Invalid Filter');
		const [, attr = '', op, value = ''] = m;
		const get = (u: UserRecord) =>
			attr === 'username' ? u.username : attr === 'status' ? u.status : own(u.attributes, attr);
		// A user without the attribute matches neither an exact value nor any prefix.
		users = users.filter((u) => {
			const v = get(u);
			return v !== undefined && (op === '=' ? v === value : v.startsWith(value));
		});
	}
	const token = optString(body, 'PaginationToken');
	const start = token ? Number(Buffer.from(token, 'base64url').toString('utf8')) : 0;
	if (!Number.isInteger(start) || start < 0) throw invalidParameter('Invalid pagination token');
	const page = users.slice(start, start + limit);
	const out: Json = { Users: page.map((u) => userType(u)) };
	if (start + page.length < users.length) {
		out.PaginationToken = Buffer.from(String(start + page.length)).toString('base64url');
	}
	return out;
}
