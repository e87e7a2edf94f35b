import { checkMembers } from '../constraints';
import { invalidParameter, notAuthorized } from '../errors';
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

export function checkAttributeName(name: string): void {
	if (name === 'sub') throw invalidParameter('Cannot modify the non-mutable attribute sub');
	if (!STANDARD.has(name) && !/^custom:[\w.:-]{1,20}$/.test(name)) {
		throw invalidParameter(
			`Attributes did not conform to the schema: ${name}: Attribute does not exist in the schema.`,
		);
	}
}

/**
 * Writes attributes. A changed e-mail or phone number becomes unverified and, when the pool
 * auto-verifies it, gets a verification code.
 */
export function applyAttributes(
	svc: Service,
	pool: PoolRecord,
	user: UserRecord,
	attrs: AttributeType[],
	sendCodes: boolean,
): CodeDeliveryDetails[] {
	checkMembers({ UserAttributes: attrs });
	for (const { Name } of attrs) checkAttributeName(Name);
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
	const { pool, user } = await svc.authorize(reqString(body, 'AccessToken'));
	const attrs = optAttributes(body, 'UserAttributes');
	if (!attrs)
		throw invalidParameter(
			"1 validation error detected: Value null at 'userAttributes' failed to satisfy constraint: Member must not be null",
		);
	const list = applyAttributes(svc, pool, user, attrs, true);
	return list.length ? { CodeDeliveryDetailsList: list } : {};
}

export async function deleteUserAttributes(svc: Service, body: Json): Promise<Json> {
	const { user } = await svc.authorize(reqString(body, 'AccessToken'));
	const names = optStringArray(body, 'UserAttributeNames');
	if (!names)
		throw invalidParameter(
			"1 validation error detected: Value null at 'userAttributeNames' failed to satisfy constraint: Member must not be null",
		);
	for (const name of names) checkAttributeName(name);
	for (const name of names) delete user.attributes[name];
	user.modified = svc.now();
	svc.changed();
	return {};
}

export async function getUserAttributeVerificationCode(svc: Service, body: Json): Promise<Json> {
	const { pool, user } = await svc.authorize(reqString(body, 'AccessToken'));
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
	const { user } = await svc.authorize(reqString(body, 'AccessToken'));
	const name = reqString(body, 'AttributeName');
	const code = reqString(body, 'Code');
	if (!user.attributes[name]) throw notAuthorized(`User has no attribute ${name}`);
	svc.useCode(user, `attr:${name}`, code);
	user.attributes[`${name}_verified`] = 'true';
	svc.changed();
	return {};
}
