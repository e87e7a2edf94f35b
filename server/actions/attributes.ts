import { checkMembers } from '../constraints';
import { err, invalidParameter, notAuthorized } from '../errors';
import type { CodeDeliveryDetails, Service } from '../service';
import type { PoolRecord, UserRecord } from '../state';
import {
	type AttributeType,
	type Json,
	optAttributes,
	optStringArray,
	reqString,
} from '../validate';

const STANDARD = new Set([
	'address',
	'birthdate',
	'email',
	'email_verified',
	'family_name',
	'gender',
	'given_name',
	'locale',
	'middle_name',
	'name',
	'nickname',
	'phone_number',
	'phone_number_verified',
	'picture',
	'preferred_username',
	'profile',
	'updated_at',
	'website',
	'zoneinfo',
]);

/** Set only by proving a code or by an administrator, never by the user themselves. */
const PROTECTED = new Set(['email_verified', 'phone_number_verified']);

/** Names a request may write: the schema's, and the protected ones only for `admin` requests. */
export function checkAttributeName(name: string, admin: boolean): void {
	if (name === 'sub') throw invalidParameter('Cannot modify the non-mutable attribute sub');
	if (!admin && PROTECTED.has(name)) {
		throw invalidParameter('A client attempted to write unauthorized attribute');
	}
	if (!STANDARD.has(name) && !/^custom:[\w.:-]{1,20}$/.test(name)) {
		throw invalidParameter(
			`Attributes did not conform to the schema: ${name}: Attribute does not exist in the schema.`,
		);
	}
}

/**
 * An e-mail or phone number the pool signs users in with (as username or as a verified alias)
 * belongs to one user at a time.
 */
export function checkAliasFree(
	pool: PoolRecord,
	user: UserRecord | undefined,
	name: string,
	value: string,
): void {
	const asUsername = pool.config.UsernameAttributes?.includes(name) ?? false;
	const asAlias = pool.config.AliasAttributes?.includes(name) ?? false;
	if (!value || (!asUsername && !asAlias)) return;
	for (const other of Object.values(pool.users)) {
		if (other === user || other.attributes[name] !== value) continue;
		if (asUsername || other.attributes[`${name}_verified`] === 'true') {
			throw err('AliasExistsException', `An account with the given ${name} already exists.`);
		}
	}
}

export interface ApplyOptions {
	/** Send verification codes for changed e-mail/phone the pool auto-verifies. */
	sendCodes: boolean;
	/** An administrator's request: may set the protected `*_verified` attributes. */
	admin: boolean;
}

/**
 * Writes attributes, all or none. A changed e-mail or phone number becomes unverified and,
 * when the pool auto-verifies it, gets a verification code.
 */
export function applyAttributes(
	svc: Service,
	pool: PoolRecord,
	user: UserRecord,
	attrs: AttributeType[],
	{ sendCodes, admin }: ApplyOptions,
): CodeDeliveryDetails[] {
	checkMembers({ UserAttributes: attrs });
	for (const { Name, Value } of attrs) {
		checkAttributeName(Name, admin);
		if (user.attributes[Name] !== Value) checkAliasFree(pool, user, Name, Value);
	}
	const deliveries: CodeDeliveryDetails[] = [];
	for (const { Name, Value } of attrs) {
		const changed = user.attributes[Name] !== Value;
		user.attributes[Name] = Value;
		if ((Name === 'email' || Name === 'phone_number') && changed) {
			const explicit = attrs.find((a) => a.Name === `${Name}_verified`);
			if (!explicit) user.attributes[`${Name}_verified`] = 'false';
			if (sendCodes && pool.config.AutoVerifiedAttributes.includes(Name)) {
				const delivery = svc.deliveryFor(user, [Name]);
				if (delivery) {
					svc.sendCode(pool, user, 'attribute-verification', `attr:${Name}`, delivery);
					deliveries.push(delivery);
				}
			}
		}
	}
	user.modified = svc.now();
	svc.changed();
	return deliveries;
}

export async function updateUserAttributes(svc: Service, body: Json): Promise<Json> {
	const { pool, user } = await svc.tokens.authorize(reqString(body, 'AccessToken'));
	const attrs = optAttributes(body, 'UserAttributes');
	if (!attrs)
		throw invalidParameter(
			"1 validation error detected: Value null at 'userAttributes' failed to satisfy constraint: Member must not be null",
		);
	const list = applyAttributes(svc, pool, user, attrs, { sendCodes: true, admin: false });
	return list.length ? { CodeDeliveryDetailsList: list } : {};
}

export async function deleteUserAttributes(svc: Service, body: Json): Promise<Json> {
	const { user } = await svc.tokens.authorize(reqString(body, 'AccessToken'));
	const names = optStringArray(body, 'UserAttributeNames');
	if (!names)
		throw invalidParameter(
			"1 validation error detected: Value null at 'userAttributeNames' failed to satisfy constraint: Member must not be null",
		);
	for (const name of names) checkAttributeName(name, false);
	for (const name of names) delete user.attributes[name];
	user.modified = svc.now();
	svc.changed();
	return {};
}

export async function getUserAttributeVerificationCode(svc: Service, body: Json): Promise<Json> {
	const { pool, user } = await svc.tokens.authorize(reqString(body, 'AccessToken'));
	const name = reqString(body, 'AttributeName');
	if (name !== 'email' && name !== 'phone_number') {
		throw invalidParameter(`Invalid attribute name: ${name} cannot be verified`);
	}
	const delivery = svc.deliveryFor(user, [name]);
	if (!delivery) throw invalidParameter(`User has no attribute ${name}`);
	svc.sendCode(pool, user, 'attribute-verification', `attr:${name}`, delivery);
	return { CodeDeliveryDetails: delivery };
}

export async function verifyUserAttribute(svc: Service, body: Json): Promise<Json> {
	const { pool, user } = await svc.tokens.authorize(reqString(body, 'AccessToken'));
	const name = reqString(body, 'AttributeName');
	const code = reqString(body, 'Code');
	const value = user.attributes[name];
	if (!value) throw notAuthorized(`User has no attribute ${name}`);
	// A verified alias signs its owner in: it cannot be someone else's verified alias too.
	checkAliasFree(pool, user, name, value);
	svc.useCode(pool, user, user.username, `attr:${name}`, code);
	user.attributes[`${name}_verified`] = 'true';
	svc.changed();
	return {};
}
