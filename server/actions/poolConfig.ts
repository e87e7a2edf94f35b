import { err } from '../errors';
import type { Service } from '../service';
import {
	type FirstAuthFactor,
	type MfaConfiguration,
	type MfaTemplates,
	type PoolRecord,
	type UserPoolTier,
	firstFactors,
	tierOf,
} from '../state';
import { type Json, optObject, optString, optStringArray, reqString } from '../validate';

/**
 * The pool settings of issue 12: the feature plan, the first factors USER_AUTH may offer, and
 * SetUserPoolMfaConfig's templates. Enum values, list sizes and lengths were checked before the
 * action ran (constraints.ts); what is left here are the rules between members.
 */

const tierError = (what: string) =>
	err(
		'FeatureUnavailableInTierException',
		`${what} is not available in the user pool's feature plan (LITE); use ESSENTIALS or PLUS.`,
	);

/** Tier and sign-in policy of a CreateUserPool request. */
export function signInSettings(
	body: Json,
	policies: Json | undefined,
): { tier: UserPoolTier; factors: FirstAuthFactor[] } {
	const tier = (optString(body, 'UserPoolTier') ?? 'ESSENTIALS') as UserPoolTier;
	const signIn = policies && optObject(policies, 'SignInPolicy');
	const factors = (signIn && optStringArray(signIn, 'AllowedFirstAuthFactors')) ?? ['PASSWORD'];
	if (tier === 'LITE' && factors.some((f) => f !== 'PASSWORD')) {
		throw tierError('Passwordless sign-in (AllowedFirstAuthFactors other than PASSWORD)');
	}
	return { tier, factors: [...new Set(factors)] as FirstAuthFactor[] };
}

/** DescribeUserPool's view: the stored config with the defaults of older pools filled in. */
export function describePool(pool: PoolRecord): Json {
	const { MfaTemplates: templates, ...config } = pool.config;
	return {
		...config,
		...(templates?.EmailMfaConfiguration
			? { EmailMfaConfiguration: { ...templates.EmailMfaConfiguration } }
			: {}),
		...(templates?.WebAuthnConfiguration
			? { WebAuthnConfiguration: { ...templates.WebAuthnConfiguration } }
			: {}),
		Policies: {
			...config.Policies,
			SignInPolicy: { AllowedFirstAuthFactors: [...firstFactors(pool)] },
		},
		UserPoolTier: tierOf(pool),
		EstimatedNumberOfUsers: Object.keys(pool.users).length,
	};
}

const TEMPLATE_MEMBERS = [
	'SmsMfaConfiguration',
	'SoftwareTokenMfaConfiguration',
	'EmailMfaConfiguration',
	'WebAuthnConfiguration',
] as const;

export function setUserPoolMfaConfig(svc: Service, body: Json): Json {
	const pool = svc.pool(reqString(body, 'UserPoolId'));
	const given: MfaTemplates = {};
	for (const name of TEMPLATE_MEMBERS) {
		const value = optObject(body, name);
		// A copy of the checked object: what is stored is never the request's own.
		if (value) (given as Record<string, unknown>)[name] = JSON.parse(JSON.stringify(value));
	}
	if (given.EmailMfaConfiguration && tierOf(pool) === 'LITE') throw tierError('Email MFA');
	const email = given.EmailMfaConfiguration;
	if (email && email.Message !== undefined && !email.Message.includes('{####}')) {
		throw err('InvalidParameterException', 'EmailMfaConfiguration.Message must contain {####}');
	}
	pool.config.MfaTemplates = { ...(pool.config.MfaTemplates ?? {}), ...given };
	const mfa = optString(body, 'MfaConfiguration');
	if (mfa !== undefined) pool.config.MfaConfiguration = mfa as MfaConfiguration;
	pool.config.LastModifiedDate = svc.now() / 1000;
	svc.changed();
	return mfaConfigOf(pool);
}

export function getUserPoolMfaConfig(svc: Service, body: Json): Json {
	return mfaConfigOf(svc.pool(reqString(body, 'UserPoolId')));
}

function mfaConfigOf(pool: PoolRecord): Json {
	return {
		...JSON.parse(JSON.stringify(pool.config.MfaTemplates ?? {})),
		MfaConfiguration: pool.config.MfaConfiguration,
	} as Json;
}

/** Whether the pool can send email MFA codes (SetUserPoolMfaConfig gave it a template). */
export const emailMfaConfigured = (pool: PoolRecord): boolean =>
	Boolean(pool.config.MfaTemplates?.EmailMfaConfiguration) && tierOf(pool) !== 'LITE';

/** TOTP stays available unless SoftwareTokenMfaConfiguration turned it off. */
export const totpConfigured = (pool: PoolRecord): boolean =>
	pool.config.MfaTemplates?.SoftwareTokenMfaConfiguration?.Enabled !== false;
