import { randomBytes } from 'node:crypto';
import { type ChallengeRequest, triggersFor } from './customAuth';
import { confirmedDevice } from './devices';
import { MSG, err, notAuthorized } from './errors';
import type { AuthSession, CustomRound } from './sessions';
import type { Service } from './service';
import { poolName } from './service';
import { N, N_HEX, bytesToBig, serverEphemeral } from './srp';
import type { ClientConfig, DeviceRecord, PoolRecord, UserRecord } from './state';
import { emailMfaConfigured, totpConfigured } from './actions/poolConfig';
import { otpChallenge } from './otp';
import type { Json } from './validate';

/** One sign-in in progress, between challenges. */
export interface Login {
	svc: Service;
	pool: PoolRecord;
	client: ClientConfig;
	user: UserRecord;
	authFlow: string;
	clientMetadata?: Record<string, string>;
	/** A name that matches no user, signing in as its {@link decoyUser} (PreventUserExistenceErrors). */
	decoy?: string;
	/** The first factor was a one-time code, not a password: no MFA follows it. */
	passwordless?: boolean;
}

/**
 * What an unknown name signs in as when the client hides user existence: a confirmed user
 * whose salt, verifier and (in pools that sign in by e-mail or phone) USER_ID_FOR_SRP are made
 * from the pool's decoy secret, stable per name, shaped like a real user's, and matched by no
 * password. The verifier is a number below N rather than g^x: nobody can tell, and it costs no
 * modexp that a real user's stored verifier does not cost.
 */
export function decoyUser(svc: Service, pool: PoolRecord, name: string): UserRecord {
	const bytes = (purpose: string, length: number) => svc.decoyBytes(pool, name, purpose, length);
	const id = pool.config.UsernameAttributes?.length ? uuidFrom(bytes('sub', 16)) : name;
	return {
		username: id,
		attributes: { sub: uuidFrom(bytes('sub', 16)) },
		status: 'CONFIRMED',
		enabled: true,
		verifier: {
			salt: bytesToBig(bytes('salt', 16)).toString(16),
			verifier: (bytesToBig(bytes('verifier', N_HEX.length / 2)) % N).toString(16),
		},
		created: 0,
		modified: 0,
		smsMfaEnabled: false,
		totpEnabled: false,
		deviceGroupKey: '',
		codes: {},
	};
}

/** A version 4 UUID's text from 16 bytes, as the service's subs look. */
function uuidFrom(bytes: Buffer): string {
	const b = Buffer.from(bytes);
	b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
	b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
	const hex = b.toString('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function challenge(session: AuthSession, params: Record<string, string>): Json {
	return { ChallengeName: session.challenge, Session: session.id, ChallengeParameters: params };
}

export function newSession(
	login: Login,
	name: string,
	extra: Partial<AuthSession> = {},
	ttlMs?: number,
): AuthSession {
	return login.svc.sessions.create(
		{
			poolId: login.pool.config.Id,
			clientId: login.client.ClientId,
			username: login.user.username,
			challenge: name,
			authFlow: login.authFlow,
			clientMetadata: login.clientMetadata,
			decoy: login.decoy,
			passwordless: login.passwordless,
			...extra,
		},
		ttlMs,
	);
}

/** The PASSWORD_VERIFIER (or DEVICE_PASSWORD_VERIFIER) challenge: B, salt and an opaque secret block. */
export function srpChallenge(
	login: Login,
	A: bigint,
	verifierHex: string,
	saltHex: string,
	name: 'PASSWORD_VERIFIER' | 'DEVICE_PASSWORD_VERIFIER',
	extra: Partial<AuthSession> = {},
): Json {
	const v = BigInt('0x' + verifierHex);
	const pre = login.svc.ephemerals?.take();
	const eph = serverEphemeral(v, pre?.b, pre?.gb);
	const secretBlock = randomBytes(64).toString('base64');
	const session = newSession(login, name, {
		...extra,
		srp: { A, v, b: eph.b, B: eph.B, secretBlock },
	});
	const params: Record<string, string> = {
		SALT: saltHex,
		SECRET_BLOCK: secretBlock,
		SRP_B: eph.B.toString(16),
		USERNAME: login.user.username,
		USER_ID_FOR_SRP: login.user.username,
	};
	if (name === 'DEVICE_PASSWORD_VERIFIER' && extra.deviceKey) params.DEVICE_KEY = extra.deviceKey;
	return challenge(session, params);
}

export function checkStatus(user: UserRecord): void {
	if (!user.enabled) throw notAuthorized(MSG.userDisabled);
	if (user.status === 'UNCONFIRMED') throw err('UserNotConfirmedException', MSG.userNotConfirmed);
	if (user.status === 'RESET_REQUIRED') {
		throw err('PasswordResetRequiredException', 'Password reset required for the user');
	}
}

/** The password is proven. Next: a forced password change, device SRP, MFA, or tokens. */
export function afterPassword(login: Login, deviceKey: string | undefined): Promise<Json> | Json {
	checkStatus(login.user);
	if (login.user.status === 'FORCE_CHANGE_PASSWORD') {
		const days = login.pool.config.Policies.PasswordPolicy.TemporaryPasswordValidityDays;
		const setAt = login.user.temporaryPasswordSetAt ?? login.user.created;
		if (login.svc.now() > setAt + days * 86400_000) {
			throw notAuthorized('Temporary password has expired and must be reset by an administrator.');
		}
		const attrs = { ...login.user.attributes };
		delete attrs.sub;
		const session = newSession(login, 'NEW_PASSWORD_REQUIRED', { deviceKey });
		return challenge(session, {
			USER_ID_FOR_SRP: login.user.username,
			requiredAttributes: '[]',
			userAttributes: JSON.stringify(attrs),
		});
	}
	if (deviceKey) {
		confirmedDevice(login.pool, login.user, deviceKey);
		const session = newSession(login, 'DEVICE_SRP_AUTH', { deviceKey });
		return challenge(session, { USERNAME: login.user.username, DEVICE_KEY: deviceKey });
	}
	return startMfa(login, undefined);
}

export type MfaChoice = 'SMS_MFA' | 'SOFTWARE_TOKEN_MFA' | 'EMAIL_OTP';

/** The MFA factors this user answers at sign-in, in the order the service lists them. */
export function enabledMfa(login: Login): MfaChoice[] {
	const { user, pool } = login;
	const out: MfaChoice[] = [];
	const phone = Boolean(user.attributes.phone_number);
	// A pool that requires MFA texts any user with a phone number, opted in or not.
	if (phone && (user.smsMfaEnabled || pool.config.MfaConfiguration === 'ON')) out.push('SMS_MFA');
	if (user.totpEnabled && user.totpSecret && totpConfigured(pool)) out.push('SOFTWARE_TOKEN_MFA');
	if (user.emailMfaEnabled && user.attributes.email && emailMfaConfigured(pool))
		out.push('EMAIL_OTP');
	return out;
}

/** MFA, unless a remembered device already vouches for the user. */
export function startMfa(
	login: Login,
	verifiedDevice: DeviceRecord | undefined,
): Promise<Json> | Json {
	const deviceKey = verifiedDevice?.key;
	if (
		verifiedDevice?.remembered ||
		login.passwordless ||
		login.pool.config.MfaConfiguration === 'OFF'
	) {
		return login.svc.authenticationResult(login.pool, login.client, login.user, { deviceKey });
	}
	const enabled = enabledMfa(login);
	if (enabled.length === 0) {
		if (login.pool.config.MfaConfiguration !== 'ON') {
			return login.svc.authenticationResult(login.pool, login.client, login.user, { deviceKey });
		}
		const session = newSession(login, 'MFA_SETUP', { deviceKey, setupStage: 'associate' });
		const canSetUp = ['SOFTWARE_TOKEN_MFA'];
		if (emailMfaConfigured(login.pool)) canSetUp.push('EMAIL_OTP');
		return challenge(session, { MFAS_CAN_SETUP: JSON.stringify(canSetUp) });
	}
	const preferred = login.user.preferredMfa;
	const pick: MfaChoice | undefined =
		preferred && enabled.includes(preferred)
			? preferred
			: enabled.length === 1
				? enabled[0]
				: undefined;
	if (!pick) {
		const session = newSession(login, 'SELECT_MFA_TYPE', { deviceKey });
		return challenge(session, {
			MFAS_CAN_CHOOSE: JSON.stringify(enabled),
			USER_ID_FOR_SRP: login.user.username,
		});
	}
	return mfaChallenge(login, pick, deviceKey);
}

export function mfaChallenge(login: Login, pick: MfaChoice, deviceKey: string | undefined): Json {
	if (pick === 'EMAIL_OTP')
		return otpChallenge(login, 'EMAIL_OTP', { deviceKey, kind: 'email-mfa' });
	if (pick === 'SOFTWARE_TOKEN_MFA') {
		const session = newSession(login, 'SOFTWARE_TOKEN_MFA', { deviceKey });
		return challenge(session, { USER_ID_FOR_SRP: login.user.username });
	}
	const delivery = login.svc.deliveryFor(login.user, ['phone_number']);
	if (!delivery)
		throw err(
			'InvalidParameterException',
			'User does not have delivery config set to turn on SMS_MFA',
		);
	const code = randomBytes(4).readUInt32BE(0) % 1_000_000;
	const smsCode = code.toString().padStart(6, '0');
	login.svc.deliver(login.pool, login.user, 'sms-mfa', smsCode, delivery);
	const session = newSession(login, 'SMS_MFA', { deviceKey, smsCode });
	return challenge(session, {
		CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS',
		CODE_DELIVERY_DESTINATION: delivery.Destination,
		USER_ID_FOR_SRP: login.user.username,
	});
}

/** Asks the Define trigger what comes next in a CUSTOM_AUTH sign-in. */
export async function customNext(
	login: Login,
	history: CustomRound[],
	A?: bigint,
	deviceKey?: string,
): Promise<Json> {
	const hooks = triggersFor(login.pool.config, login.svc.options.customAuth);
	const base = challengeRequest(login, history);
	const decision = await hooks.defineAuthChallenge(base);
	if (decision.failAuthentication) throw notAuthorized(MSG.badCredentials);
	if (decision.issueTokens) {
		if (login.decoy) throw notAuthorized(MSG.badCredentials);
		checkStatus(login.user);
		return login.svc.authenticationResult(login.pool, login.client, login.user, { deviceKey });
	}
	if (decision.challengeName === 'PASSWORD_VERIFIER' && A !== undefined && login.user.verifier) {
		const v = login.user.verifier;
		return srpChallenge(login, A, v.verifier, v.salt, 'PASSWORD_VERIFIER', {
			customHistory: history,
		});
	}
	if (decision.challengeName !== 'CUSTOM_CHALLENGE') {
		throw err(
			'InvalidLambdaResponseException',
			'Invalid challenge name returned by DefineAuthChallenge',
		);
	}
	const deliver = (code: string) => {
		if (login.decoy) return;
		const delivery = login.svc.deliveryFor(login.user, ['email', 'phone_number']) ?? {
			Destination: '',
			DeliveryMedium: 'EMAIL' as const,
			AttributeName: 'email',
		};
		login.svc.deliver(login.pool, login.user, 'custom-challenge', code, delivery);
	};
	const created = await hooks.createAuthChallenge(
		{ ...base, challengeName: 'CUSTOM_CHALLENGE' },
		deliver,
	);
	const session = newSession(login, 'CUSTOM_CHALLENGE', {
		customHistory: history,
		customPrivate: created.privateChallengeParameters ?? {},
		customMetadata: created.challengeMetadata,
	});
	return challenge(session, {
		...(created.publicChallengeParameters ?? {}),
		USERNAME: login.user.username,
	});
}

/** What the custom-auth triggers are told about the sign-in so far. */
export function challengeRequest(login: Login, history: CustomRound[]): ChallengeRequest {
	const request: ChallengeRequest = {
		userPoolId: login.pool.config.Id,
		userName: login.user.username,
		userAttributes: { ...login.user.attributes },
		session: history.map((r) => ({ ...r })),
		clientMetadata: login.clientMetadata ?? {},
	};
	if (login.decoy) request.userNotFound = true;
	return request;
}

export const srpPoolName = (login: Login): string => poolName(login.pool.config.Id);
