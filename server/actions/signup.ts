import { randomBytes, randomUUID } from 'node:crypto';
import { MSG, err, invalidParameter, notAuthorized } from '../errors';
import type { Service } from '../service';
import type { PoolRecord, UserRecord } from '../state';
import { type Json, optAttributes, optString, reqString } from '../validate';
import { checkAttributeName } from './attributes';

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
	// The service's limit; without it a 1 MiB name was stored and replayed in every token.
	if (name.length > 128) {
		throw invalidParameter(
			"1 validation error detected: Value at 'username' failed to satisfy constraint: Member must have length less than or equal to 128",
		);
	}
	const password = reqString(body, 'Password');
	const given = optAttributes(body, 'UserAttributes') ?? [];
	// Shape first, then resources: the service reports a malformed request before an unknown client.
	const { pool, client } = svc.client(clientId);
	svc.checkSecretHash(client, [name], optString(body, 'SecretHash'));
	for (const a of given) checkAttributeName(a.Name);
	const resolved = resolveSignUpName(
		pool,
		name,
		Object.fromEntries(given.map((a) => [a.Name, a.Value])),
	);
	svc.validatePassword(pool, password);
	const user = newUser(svc, resolved.username, resolved.attrs);
	svc.setPassword(pool, user, password);
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
	return out;
}

export function confirmSignUp(svc: Service, body: Json): Json {
	const clientId = reqString(body, 'ClientId');
	const name = reqString(body, 'Username');
	const code = reqString(body, 'ConfirmationCode');
	const { pool, client } = svc.client(clientId);
	svc.checkSecretHash(client, [name], optString(body, 'SecretHash'));
	const user = svc.findUser(pool, name);
	if (!user) throw svc.unknownUser(client, err('CodeMismatchException', MSG.codeMismatch));
	if (user.status !== 'UNCONFIRMED') {
		throw notAuthorized(`User cannot be confirmed. Current status is ${user.status}`);
	}
	svc.useCode(user, 'confirmation', code);
	user.status = 'CONFIRMED';
	for (const attr of pool.config.AutoVerifiedAttributes) {
		if (user.attributes[attr]) user.attributes[`${attr}_verified`] = 'true';
	}
	svc.changed();
	return {};
}

const fakeDelivery = (name: string) => ({
	Destination: EMAIL_RE.test(name)
		? `${name.charAt(0)}***@${name.split('@')[1]?.charAt(0) ?? ''}***`
		: '+*******0000',
	DeliveryMedium: EMAIL_RE.test(name) ? 'EMAIL' : 'SMS',
	AttributeName: EMAIL_RE.test(name) ? 'email' : 'phone_number',
});

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
	if (!user && client.PreventUserExistenceErrors === 'LEGACY')
		throw err('UserNotFoundException', MSG.userNotFound);
	return { pool, user, decoy: { CodeDeliveryDetails: fakeDelivery(name) } };
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
	const user = svc.findUser(pool, name);
	if (!user) throw svc.unknownUser(client, err('CodeMismatchException', MSG.codeMismatch));
	svc.validatePassword(pool, password);
	svc.useCode(user, 'forgot-password', code);
	svc.setPassword(pool, user, password);
	if (user.status === 'RESET_REQUIRED') user.status = 'CONFIRMED';
	svc.changed();
	return {};
}
