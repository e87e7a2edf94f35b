import { MSG, err, invalidParameter, notAuthorized } from '../errors';
import { type Service, poolName } from '../service';
import { checkPassword } from '../srp';
import { sameSecret } from '../compare';
import { removeUserDevices } from '../devices';
import { type MfaName, type PoolRecord, type UserRecord, firstFactors, tierOf } from '../state';
import { emailMfaConfigured } from './poolConfig';
import { removeUserPasskeys, startKey } from './webauthn';
import { passkeysOf, webAuthnEnabled } from '../webauthn';
import { newTotpSecret, useTotp } from '../totp';
import { type Json, isObject, optObject, optString, reqString } from '../validate';

export function attributeList(user: UserRecord): { Name: string; Value: string }[] {
	const { sub, ...rest } = user.attributes;
	const list = sub === undefined ? [] : [{ Name: 'sub', Value: sub }];
	return [...list, ...Object.entries(rest).map(([Name, Value]) => ({ Name, Value }))];
}

export function mfaSummary(user: UserRecord): Json {
	const out: Json = {};
	const list: MfaName[] = [];
	if (user.smsMfaEnabled) list.push('SMS_MFA');
	if (user.totpEnabled) list.push('SOFTWARE_TOKEN_MFA');
	if (user.emailMfaEnabled) list.push('EMAIL_OTP');
	if (user.smsMfaEnabled)
		out.MFAOptions = [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }];
	if (user.preferredMfa) out.PreferredMfaSetting = user.preferredMfa;
	if (list.length) out.UserMFASettingList = list;
	return out;
}

export async function getUser(svc: Service, body: Json): Promise<Json> {
	const { user } = await svc.tokens.authorize(reqString(body, 'AccessToken'));
	return { Username: user.username, UserAttributes: attributeList(user), ...mfaSummary(user) };
}

export async function changePassword(svc: Service, body: Json): Promise<Json> {
	const { pool, user } = await svc.tokens.authorize(reqString(body, 'AccessToken'));
	const previous = reqString(body, 'PreviousPassword');
	const proposed = reqString(body, 'ProposedPassword');
	if (
		!user.verifier ||
		!checkPassword(poolName(pool.config.Id), user.username, previous, user.verifier)
	) {
		throw notAuthorized(MSG.badCredentials);
	}
	svc.validatePassword(pool, proposed);
	svc.setPassword(pool, user, proposed);
	svc.changed();
	return {};
}

export async function deleteUser(svc: Service, body: Json): Promise<Json> {
	const { pool, user } = await svc.tokens.authorize(reqString(body, 'AccessToken'));
	removeUser(svc, pool.config.Id, user.username);
	return {};
}

export function removeUser(svc: Service, poolId: string, username: string): void {
	const pool = svc.pool(poolId);
	delete pool.users[username];
	removeUserDevices(pool, username);
	removeUserPasskeys(pool, username);
	svc.passkeyStarts.delete(startKey(poolId, username));
	svc.tokens.revokeUser(poolId, username);
}

export async function globalSignOut(svc: Service, body: Json): Promise<Json> {
	const { pool, user } = await svc.tokens.authorize(reqString(body, 'AccessToken'));
	svc.tokens.revokeUser(pool.config.Id, user.username);
	return {};
}

export function revokeToken(svc: Service, body: Json): Json {
	const token = reqString(body, 'Token');
	const { client } = svc.client(reqString(body, 'ClientId'));
	const secret = client.ClientSecret;
	if (secret && !sameSecret(optString(body, 'ClientSecret') ?? '', secret)) {
		throw notAuthorized(`Unable to verify secret hash for client ${client.ClientId}`);
	}
	if (!client.EnableTokenRevocation) {
		throw err('UnsupportedOperationException', 'Token revocation is not enabled for this client.');
	}
	if (token.split('.').length === 3)
		throw err('UnsupportedTokenTypeException', 'Unsupported token type');
	const record = svc.tokens.refreshRecord(token);
	// Revoking an unknown or already revoked token succeeds (RFC 7009); another client's does not.
	if (!record) return {};
	if (record.clientId !== client.ClientId)
		throw err('UnauthorizedException', 'Invalid token for this client');
	svc.tokens.revokeFamily(record);
	return {};
}

type MfaSetting = { Enabled?: boolean; PreferredMfa?: boolean };

function mfaSetting(body: Json, name: string): MfaSetting | undefined {
	const v = optObject(body, name);
	if (!v) return undefined;
	for (const k of ['Enabled', 'PreferredMfa']) {
		if (v[k] !== undefined && v[k] !== null && typeof v[k] !== 'boolean') {
			throw invalidParameter(`Invalid type for '${name}.${k}': expected boolean`);
		}
	}
	return v as MfaSetting;
}

/** Where each MFA factor's settings arrive and where its on/off switch is kept. */
const FACTORS = [
	{ name: 'SMS_MFA', member: 'SMSMfaSettings', flag: 'smsMfaEnabled' },
	{ name: 'SOFTWARE_TOKEN_MFA', member: 'SoftwareTokenMfaSettings', flag: 'totpEnabled' },
	{ name: 'EMAIL_OTP', member: 'EmailMfaSettings', flag: 'emailMfaEnabled' },
] as const;

/** SetUserMFAPreference and AdminSetUserMFAPreference: all checks first, then every change. */
export function applyMfaPreference(
	svc: Service,
	pool: PoolRecord,
	user: UserRecord,
	body: Json,
): void {
	const given = FACTORS.map((f) => ({ ...f, setting: mfaSetting(body, f.member) }));
	const [sms, totp, email] = given.map((g) => g.setting);
	const webAuthn = mfaSetting(body, 'WebAuthnMfaSettings');
	if (sms?.Enabled && !user.attributes.phone_number) {
		throw invalidParameter('User does not have delivery config set to turn on SMS_MFA');
	}
	if (totp?.Enabled && !user.totpSecret) {
		throw invalidParameter('User has not verified software token mfa');
	}
	if (email?.Enabled) {
		if (tierOf(pool) === 'LITE') {
			throw err(
				'FeatureUnavailableInTierException',
				"Email MFA is not available in the user pool's feature plan (LITE).",
			);
		}
		if (!emailMfaConfigured(pool))
			throw invalidParameter('Email MFA is not configured for the user pool');
		if (!user.attributes.email) {
			throw invalidParameter('User does not have delivery config set to turn on EMAIL_OTP');
		}
	}
	const preferred = given.filter((g) => g.setting?.PreferredMfa);
	if (preferred.length > 1) throw invalidParameter('Only one MFA type can be preferred');
	for (const g of given) if (g.setting?.Enabled !== undefined) user[g.flag] = g.setting.Enabled;
	if (webAuthn?.Enabled !== undefined) user.webAuthnMfaEnabled = webAuthn.Enabled;
	const pick = preferred[0];
	if (pick) user.preferredMfa = pick.name;
	for (const g of given) {
		// Un-preferring the preferred factor, or turning it off, leaves no preference.
		const dropped = g.setting?.PreferredMfa === false || !user[g.flag];
		if (user.preferredMfa === g.name && dropped) user.preferredMfa = undefined;
	}
	svc.changed();
}

/**
 * GetUserAuthFactors: the MFA settings of GetUser, and the factors the user could sign in or
 * verify with today, derived from the user's state and the pool's settings.
 */
export async function getUserAuthFactors(svc: Service, body: Json): Promise<Json> {
	const { pool, user } = await svc.tokens.authorize(reqString(body, 'AccessToken'));
	const allowed = firstFactors(pool);
	const verified = (attr: string) =>
		Boolean(user.attributes[attr]) && user.attributes[`${attr}_verified`] === 'true';
	const factors: string[] = [];
	if (user.verifier) factors.push('PASSWORD');
	if ((allowed.includes('EMAIL_OTP') && verified('email')) || user.emailMfaEnabled)
		factors.push('EMAIL_OTP');
	if ((allowed.includes('SMS_OTP') && verified('phone_number')) || user.smsMfaEnabled)
		factors.push('SMS_OTP');
	if (user.totpEnabled && user.totpSecret) factors.push('SOFTWARE_TOKEN');
	if (webAuthnEnabled(pool) && passkeysOf(pool, user.username).length > 0)
		factors.push('WEB_AUTHN');
	const { PreferredMfaSetting, UserMFASettingList } = mfaSummary(user);
	return {
		Username: user.username,
		...(PreferredMfaSetting ? { PreferredMfaSetting } : {}),
		...(UserMFASettingList ? { UserMFASettingList } : {}),
		ConfiguredUserAuthFactors: factors,
	};
}

export async function setUserMFAPreference(svc: Service, body: Json): Promise<Json> {
	const { pool, user } = await svc.tokens.authorize(reqString(body, 'AccessToken'));
	applyMfaPreference(svc, pool, user, body);
	return {};
}

export async function setUserSettings(svc: Service, body: Json): Promise<Json> {
	const { user } = await svc.tokens.authorize(reqString(body, 'AccessToken'));
	const options = body.MFAOptions;
	if (!Array.isArray(options))
		throw invalidParameter("Invalid type for 'mFAOptions': expected list");
	const sms = options.some((o: unknown) => isObject(o) && o.DeliveryMedium === 'SMS');
	if (sms && !user.attributes.phone_number) {
		throw invalidParameter('User does not have delivery config set to turn on SMS_MFA');
	}
	user.smsMfaEnabled = sms;
	if (!sms && user.preferredMfa === 'SMS_MFA') user.preferredMfa = undefined;
	svc.changed();
	return {};
}

/** With an AccessToken for a signed-in user, or with the Session of an MFA_SETUP challenge. */
export async function associateSoftwareToken(svc: Service, body: Json): Promise<Json> {
	const access = optString(body, 'AccessToken');
	const sessionId = optString(body, 'Session');
	const secret = newTotpSecret();
	if (access) {
		const { user } = await svc.tokens.authorize(access);
		user.pendingTotpSecret = secret;
		svc.changed();
		return { SecretCode: secret };
	}
	if (!sessionId) throw invalidParameter('Either AccessToken or Session must be provided');
	const session = svc.sessions.getForChallenge(sessionId, 'MFA_SETUP');
	if (session.setupStage !== 'associate' && session.setupStage !== 'verify') {
		throw notAuthorized(MSG.sessionInvalid);
	}
	const user = svc.pool(session.poolId).users[session.username];
	if (!user) throw notAuthorized(MSG.sessionInvalid);
	svc.sessions.consume(session);
	user.pendingTotpSecret = secret;
	const next = svc.sessions.create({ ...session, setupStage: 'verify' });
	return { SecretCode: secret, Session: next.id };
}

export async function verifySoftwareToken(svc: Service, body: Json): Promise<Json> {
	const access = optString(body, 'AccessToken');
	const sessionId = optString(body, 'Session');
	const code = reqString(body, 'UserCode');
	let user: UserRecord | undefined;
	let session;
	if (access) {
		user = (await svc.tokens.authorize(access)).user;
	} else if (sessionId) {
		session = svc.sessions.getForChallenge(sessionId, 'MFA_SETUP');
		if (session.setupStage !== 'verify') throw notAuthorized(MSG.sessionInvalid);
		user = svc.pool(session.poolId).users[session.username];
	} else {
		throw invalidParameter('Either AccessToken or Session must be provided');
	}
	if (!user || !user.pendingTotpSecret)
		throw invalidParameter('User has not associated a software token');
	if (!useTotp(user, user.pendingTotpSecret, code, svc.now())) {
		throw err(
			'EnableSoftwareTokenMFAException',
			'Code mismatch and fail enable Software Token MFA',
		);
	}
	user.totpSecret = user.pendingTotpSecret;
	user.pendingTotpSecret = undefined;
	user.totpEnabled = true;
	svc.changed();
	if (!session) return { Status: 'SUCCESS' };
	svc.sessions.consume(session);
	const next = svc.sessions.create({ ...session, setupStage: 'respond' });
	return { Status: 'SUCCESS', Session: next.id };
}
