import { randomBytes, randomUUID } from 'node:crypto';
import { MSG, err, invalidParameter, notAuthorized } from '../errors';
import type { CodeDeliveryDetails, Service } from '../service';
import { type Login, afterPassword } from '../flow';
import { CODE_SESSION_TTL_MS } from '../sessions';
import { type ClientConfig, type PoolRecord, type UserRecord, firstFactors } from '../state';
import { type Json, optAttributes, optString, reqString } from '../validate';
import { checkAliasFree, checkAttributeName } from './attributes';
import { flowAllowed } from './initiateAuth';

const EMAIL_RE = /^[^@\s]+@[^@\s]+$/;

export function newUser(svc: Service, username: string, attrs: Record<string, string>): UserRecord {
	const now = svc.now();
	const user: UserRecord = {
		username,
		attributes: { ...attrs, sub: attrs.sub ?? randomUUID() },
		status: 'UNCONFIRMED',
		enabled: true,
		created: now,
		modified: now,
		smsMfaEnabled: false,
		totpEnabled: false,
		deviceGroupKey: `-${randomBytes(6).toString('base64url')}`,
		codes: {},
	};
	return user;
}

/**
 * Maps the name a user signs up with to the stored username and attributes. With
 * UsernameAttributes the e-mail/phone is an attribute and the username is the sub.
 */
export function resolveSignUpName(
	pool: PoolRecord,
	name: string,
	attrs: Record<string, string>,
): { username: string; attrs: Record<string, string>; existsMessage: string } {
	const byAttr = pool.config.UsernameAttributes ?? [];
	if (byAttr.length) {
		const isEmail = EMAIL_RE.test(name);
		const attr = isEmail ? 'email' : name.startsWith('+') ? 'phone_number' : undefined;
		if (!attr || !byAttr.includes(attr)) {
			throw invalidParameter(
				byAttr.includes('email')
					? 'Username should be an email.'
					: 'Username should be a phone number.',
			);
		}
		const sub = randomUUID();
		const message =
			attr === 'email'
				? 'An account with the given email already exists.'
				: 'An account with the given phone_number already exists.';
		for (const user of Object.values(pool.users)) {
			if (user.attributes[attr] === name) throw err('UsernameExistsException', message);
		}
		return { username: sub, attrs: { ...attrs, [attr]: name, sub }, existsMessage: message };
	}
	if ((pool.config.AliasAttributes ?? []).includes('email') && EMAIL_RE.test(name)) {
		throw invalidParameter(
			'Username cannot be of email format, since user pool is configured for email alias.',
		);
	}
	if (pool.users[name]) throw err('UsernameExistsException', 'User already exists');
	return { username: name, attrs, existsMessage: 'User already exists' };
}

export function signUp(svc: Service, body: Json): Json {
	const clientId = reqString(body, 'ClientId');
	const name = reqString(body, 'Username');
	// Optional since passwordless sign-in: '' is no password either.
	const password = optString(body, 'Password') || undefined;
	const given = optAttributes(body, 'UserAttributes') ?? [];
	// Shape first, then resources: the service reports a malformed request before an unknown client.
	const { pool, client } = svc.client(clientId);
	svc.checkSecretHash(client, [name], optString(body, 'SecretHash'));
	for (const a of given) checkAttributeName(a.Name, false);
	const resolved = resolveSignUpName(
		pool,
		name,
		Object.fromEntries(given.map((a) => [a.Name, a.Value])),
	);
	if (password !== undefined) svc.validatePassword(pool, password);
	else if (!firstFactors(pool).some((f) => f !== 'PASSWORD')) {
		throw invalidParameter(
			'Password is required: the user pool allows no passwordless first factor.',
		);
	}
	const user = newUser(svc, resolved.username, resolved.attrs);
	if (password !== undefined) svc.setPassword(pool, user, password);
	pool.users[user.username] = user;
	svc.changed();
	const delivery = svc.deliveryFor(
		user,
		pool.config.AutoVerifiedAttributes.filter((a) => a === 'email' || a === 'phone_number'),
	);
	const out: Json = { UserConfirmed: false, UserSub: user.attributes.sub };
	if (delivery) {
		svc.sendCode(pool, user, 'confirmation', 'confirmation', delivery);
		out.CodeDeliveryDetails = delivery;
	}
	const session = signUpSession(svc, client, user, 'SIGN_UP', CODE_SESSION_TTL_MS);
	if (session) out.Session = session;
	return out;
}

/**
 * The Session of SignUp ('SIGN_UP', for ConfirmSignUp) and of ConfirmSignUp ('SIGN_UP_CONFIRMED',
 * for one USER_AUTH sign-in without a second code). Only clients that allow USER_AUTH get one.
 */
function signUpSession(
	svc: Service,
	client: ClientConfig,
	user: UserRecord,
	stage: 'SIGN_UP' | 'SIGN_UP_CONFIRMED',
	ttlMs?: number,
): string | undefined {
	if (!flowAllowed(client, 'USER_AUTH')) return undefined;
	return svc.sessions.create(
		{
			poolId: client.UserPoolId,
			clientId: client.ClientId,
			username: user.username,
			challenge: stage,
			authFlow: 'USER_AUTH',
		},
		ttlMs,
	).id;
}

/** InitiateAuth USER_AUTH with ConfirmSignUp's Session: the sign-up code was the first factor. */
export function signInAfterSignUp(
	svc: Service,
	login: Login,
	sessionId: string,
): Promise<Json> | Json {
	const session = svc.sessions.get(sessionId, login.client.ClientId, 'SIGN_UP_CONFIRMED');
	// Someone else's name does not spend the session: only its user can use it, once.
	if (login.decoy !== undefined || session.username !== login.user.username)
		throw notAuthorized(MSG.sessionInvalid);
	svc.sessions.consume(session);
	return afterPassword(login, undefined);
}

export function confirmSignUp(svc: Service, body: Json): Json {
	const clientId = reqString(body, 'ClientId');
	const name = reqString(body, 'Username');
	const code = reqString(body, 'ConfirmationCode');
	const { pool, client } = svc.client(clientId);
	svc.checkSecretHash(client, [name], optString(body, 'SecretHash'));
	// SignUp's Session, when sent, must be this client's and (below) this user's.
	const sessionId = optString(body, 'Session');
	const given =
		sessionId === undefined ? undefined : svc.sessions.get(sessionId, clientId, 'SIGN_UP');
	const user = codeOwner(svc, pool, client, name, 'confirmation', code);
	if (given && given.username !== user.username) throw notAuthorized(MSG.sessionInvalid);
	confirmUser(svc, pool, user, code);
	if (given) svc.sessions.consume(given);
	const session = signUpSession(svc, client, user, 'SIGN_UP_CONFIRMED');
	return session ? { Session: session } : {};
}

/**
 * The user a code was sent to. An unknown one gets what a wrong code gets, its tries counted
 * the same way (UserNotFoundException only for LEGACY clients).
 */
function codeOwner(
	svc: Service,
	pool: PoolRecord,
	client: ClientConfig,
	name: string,
	purpose: string,
	code: string,
): UserRecord {
	const user = svc.findUser(pool, name);
	if (user) return user;
	svc.refuseUnknownUser(client);
	svc.useCode(pool, undefined, name, purpose, code);
	throw err('CodeMismatchException', MSG.codeMismatch);
}

/**
 * ConfirmSignUp (with the code) and AdminConfirmSignUp (without): only an UNCONFIRMED user can
 * be confirmed. A code proves the attribute it was sent to, so the auto-verified attributes
 * become verified; an administrator's confirmation proves nothing, as with the service.
 */
export function confirmUser(svc: Service, pool: PoolRecord, user: UserRecord, code?: string): void {
	if (user.status !== 'UNCONFIRMED') {
		throw notAuthorized(`User cannot be confirmed. Current status is ${user.status}`);
	}
	if (code !== undefined) {
		svc.useCode(pool, user, user.username, 'confirmation', code);
		for (const attr of pool.config.AutoVerifiedAttributes) {
			const value = user.attributes[attr];
			if (!value) continue;
			checkAliasFree(pool, user, attr, value);
			user.attributes[`${attr}_verified`] = 'true';
		}
	}
	user.status = 'CONFIRMED';
	user.modified = svc.now();
	svc.changed();
}

const PHONE_RE = /^\+\d{5,15}$/;
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/**
 * Where a code for an unknown user "went": what a user with that e-mail or phone as their
 * name would be told, and otherwise an e-mail address masked like a real one, the same on
 * every call for the same name.
 */
function decoyDelivery(svc: Service, pool: PoolRecord, name: string): CodeDeliveryDetails {
	if (EMAIL_RE.test(name)) {
		return {
			...(svc.deliveryFor({ attributes: { email: name } }, ['email']) as CodeDeliveryDetails),
		};
	}
	if (PHONE_RE.test(name)) {
		return {
			...(svc.deliveryFor({ attributes: { phone_number: name } }, [
				'phone_number',
			]) as CodeDeliveryDetails),
		};
	}
	const [a = 0, b = 0] = svc.decoyBytes(pool, name, 'delivery', 2);
	return {
		Destination: `${LETTERS.charAt(a % 26)}***@${LETTERS.charAt(b % 26)}***`,
		DeliveryMedium: 'EMAIL',
		AttributeName: 'email',
	};
}

/**
 * The user a code-sending action addresses, after the client and its secret hash are checked.
 * An unknown user gets `UserNotFoundException` only from LEGACY clients; others get a made-up
 * delivery, so the reply does not reveal whether the user exists.
 */
function codeRecipient(svc: Service, body: Json) {
	const name = reqString(body, 'Username');
	const { pool, client } = svc.client(reqString(body, 'ClientId'));
	svc.checkSecretHash(client, [name], optString(body, 'SecretHash'));
	const user = svc.findUser(pool, name);
	if (!user) svc.refuseUnknownUser(client);
	return { pool, user, decoy: { CodeDeliveryDetails: decoyDelivery(svc, pool, name) } };
}

export function resendConfirmationCode(svc: Service, body: Json): Json {
	const { pool, user, decoy } = codeRecipient(svc, body);
	if (!user) return decoy;
	if (user.status !== 'UNCONFIRMED') throw invalidParameter('User is already confirmed.');
	const delivery = svc.deliveryFor(
		user,
		pool.config.AutoVerifiedAttributes.filter((a) => a === 'email' || a === 'phone_number'),
	);
	if (!delivery) throw invalidParameter('Auto verification not turned on.');
	svc.sendCode(pool, user, 'confirmation', 'confirmation', delivery);
	return { CodeDeliveryDetails: delivery };
}

export function forgotPassword(svc: Service, body: Json): Json {
	const { pool, user, decoy } = codeRecipient(svc, body);
	if (!user) return decoy;
	const verified = ['email', 'phone_number'].filter(
		(a) => user.attributes[`${a}_verified`] === 'true',
	);
	const delivery = svc.deliveryFor(user, verified);
	if (!delivery) {
		throw invalidParameter(
			'Cannot reset password for the user as there is no registered/verified email or phone_number',
		);
	}
	svc.sendCode(pool, user, 'forgot-password', 'forgot-password', delivery);
	return { CodeDeliveryDetails: delivery };
}

export function confirmForgotPassword(svc: Service, body: Json): Json {
	const clientId = reqString(body, 'ClientId');
	const name = reqString(body, 'Username');
	const code = reqString(body, 'ConfirmationCode');
	const password = reqString(body, 'Password');
	const { pool, client } = svc.client(clientId);
	svc.checkSecretHash(client, [name], optString(body, 'SecretHash'));
	// The password first, as for a known user, so an unknown one is not told apart by the order.
	svc.validatePassword(pool, password);
	const user = codeOwner(svc, pool, client, name, 'forgot-password', code);
	svc.useCode(pool, user, user.username, 'forgot-password', code);
	svc.setPassword(pool, user, password);
	if (user.status === 'RESET_REQUIRED') user.status = 'CONFIRMED';
	svc.changed();
	return {};
}
