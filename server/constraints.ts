import { invalidParameter } from './errors';
import type { ClientConfig } from './state';
import { lifetimesFor } from './tokens';
import { type Json, isObject } from './validate';

/**
 * The service's constraints on request members, checked before any action runs, in the
 * service's own words ("1 validation error detected: …"). A member has one type across every
 * action (Username is a UsernameType in SignUp and AdminCreateUser alike), so the rules are
 * keyed by member name, and no action path can skip them. Values the service treats as
 * sensitive are not echoed back.
 */

/** UsernameType, AttributeNameType: letters, marks, symbols, numbers, punctuation — nothing else. */
const PRINTABLE = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u;
const PRINTABLE_SOURCE = '[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+';
/** UserPoolNameType and ClientNameType. */
const NAME = /^[\w\s+=,.@-]+$/;
const NAME_SOURCE = '[\\w\\s+=,.@-]+';

const TIME_UNITS = ['seconds', 'minutes', 'hours', 'days'] as const;
const AUTH_FLOWS = [
	'ADMIN_NO_SRP_AUTH',
	'CUSTOM_AUTH_FLOW_ONLY',
	'USER_PASSWORD_AUTH',
	'ALLOW_ADMIN_USER_PASSWORD_AUTH',
	'ALLOW_CUSTOM_AUTH',
	'ALLOW_USER_PASSWORD_AUTH',
	'ALLOW_USER_SRP_AUTH',
	'ALLOW_REFRESH_TOKEN_AUTH',
	'ALLOW_USER_AUTH',
];
/** AuthFactorType minus SOFTWARE_TOKEN, which is never a first factor. */
export const FIRST_FACTORS = ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'] as const;
/** The longest attribute value the service stores (AttributeValueType). */
const MAX_ATTRIBUTE_VALUE = 2048;

type Check = (value: unknown, at: string, problems: string[]) => void;

const quoted = (value: unknown, sensitive: boolean) =>
	sensitive ? 'Value' : `Value '${String(value)}'`;

function problem(value: unknown, at: string, rule: string, sensitive = false): string {
	return `${quoted(value, sensitive)} at '${at}' failed to satisfy constraint: Member must ${rule}`;
}

function text(min: number, max: number, pattern?: [RegExp, string], sensitive = false): Check {
	return (value, at, problems) => {
		if (typeof value !== 'string') return;
		if (value.length < min) {
			problems.push(problem(value, at, `have length greater than or equal to ${min}`, sensitive));
		}
		if (value.length > max)
			problems.push(problem(value, at, `have length less than or equal to ${max}`, sensitive));
		if (pattern && value.length > 0 && !pattern[0].test(value)) {
			problems.push(
				problem(value, at, `satisfy regular expression pattern: ${pattern[1]}`, sensitive),
			);
		}
	};
}

function range(min: number, max: number): Check {
	return (value, at, problems) => {
		if (typeof value !== 'number') return;
		if (value < min)
			problems.push(problem(value, at, `have value greater than or equal to ${min}`));
		if (value > max) problems.push(problem(value, at, `have value less than or equal to ${max}`));
	};
}

function oneOf(values: readonly string[]): Check {
	return (value, at, problems) => {
		if (typeof value === 'string' && !values.includes(value))
			problems.push(problem(value, at, `satisfy enum value set: [${values.join(', ')}]`));
	};
}

/** A list member: Coral names its items `<member>.<n>.member`, counting from 1. */
function listOf(item: Check, size?: [number, number]): Check {
	return (value, at, problems) => {
		if (!Array.isArray(value)) return;
		if (size && value.length < size[0])
			problems.push(problem(value, at, `have length greater than or equal to ${size[0]}`));
		if (size && value.length > size[1])
			problems.push(problem(value, at, `have length less than or equal to ${size[1]}`));
		value.forEach((v, i) => item(v, `${at}.${i + 1}.member`, problems));
	};
}

function structure(members: Record<string, Check>): Check {
	return (value, at, problems) => {
		if (!isObject(value)) return;
		for (const [name, check] of Object.entries(members)) {
			if (Object.prototype.hasOwnProperty.call(value, name))
				check(value[name], `${at}.${lowerFirst(name)}`, problems);
		}
	};
}

const lowerFirst = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

const attributeList = listOf(
	structure({
		Name: text(1, 32, [PRINTABLE, PRINTABLE_SOURCE]),
		Value: text(0, MAX_ATTRIBUTE_VALUE, undefined, true),
	}),
);
const units = oneOf(TIME_UNITS);

const MEMBERS: Record<string, Check> = {
	Username: text(1, 128, [PRINTABLE, PRINTABLE_SOURCE], true),
	UserAttributes: attributeList,
	ValidationData: attributeList,
	PoolName: text(1, 128, [NAME, NAME_SOURCE]),
	ClientName: text(1, 128, [NAME, NAME_SOURCE]),
	DeviceName: text(1, 1024),
	AccessTokenValidity: range(1, 86400),
	IdTokenValidity: range(1, 86400),
	RefreshTokenValidity: range(0, 315360000),
	TokenValidityUnits: structure({ AccessToken: units, IdToken: units, RefreshToken: units }),
	ExplicitAuthFlows: listOf(oneOf(AUTH_FLOWS)),
	AutoVerifiedAttributes: listOf(oneOf(['phone_number', 'email'])),
	UsernameAttributes: listOf(oneOf(['phone_number', 'email'])),
	AliasAttributes: listOf(oneOf(['phone_number', 'email', 'preferred_username'])),
	Policies: structure({
		PasswordPolicy: structure({
			MinimumLength: range(6, 99),
			TemporaryPasswordValidityDays: range(0, 365),
		}),
		SignInPolicy: structure({
			AllowedFirstAuthFactors: listOf(oneOf(FIRST_FACTORS), [1, 5]),
		}),
	}),
	MfaConfiguration: oneOf(['OFF', 'ON', 'OPTIONAL']),
	UserPoolTier: oneOf(['LITE', 'ESSENTIALS', 'PLUS']),
	RefreshTokenRotation: structure({
		Feature: oneOf(['ENABLED', 'DISABLED']),
		RetryGracePeriodSeconds: range(0, 60),
	}),
	EmailMfaConfiguration: structure({
		Message: text(6, 20000, [
			/\{####\}/,
			'[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s*]*\\{####\\}[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s*]*',
		]),
		Subject: text(1, 140),
	}),
	WebAuthnConfiguration: structure({
		RelyingPartyId: text(1, 127),
		UserVerification: oneOf(['required', 'preferred']),
		FactorConfiguration: oneOf(['SINGLE_FACTOR_ONLY', 'MULTI_FACTOR_WITH_USER_VERIFICATION']),
	}),
};

/** Throws InvalidParameterException listing every member of `body` that breaks a constraint. */
export function checkMembers(body: Json): void {
	const problems: string[] = [];
	for (const [name, check] of Object.entries(MEMBERS)) {
		if (Object.prototype.hasOwnProperty.call(body, name))
			check(body[name], lowerFirst(name), problems);
	}
	if (problems.length === 0) return;
	const count =
		problems.length === 1 ? '1 validation error' : `${problems.length} validation errors`;
	throw invalidParameter(`${count} detected: ${problems.join('; ')}`);
}

/**
 * The lifetimes a client's validity settings come to, in the ranges the service allows: access
 * and ID tokens five minutes to one day, refresh tokens one hour to ten years.
 */
export function checkTokenValidity(client: ClientConfig): void {
	const { accessSeconds, idSeconds, refreshSeconds } = lifetimesFor(client, {});
	const within = (s: number, min: number, max: number) => s >= min && s <= max;
	if (
		!within(accessSeconds, 300, 86400) ||
		!within(idSeconds, 300, 86400) ||
		!within(refreshSeconds, 3600, 3650 * 86400)
	)
		throw invalidParameter('Invalid range for token validity.');
}
