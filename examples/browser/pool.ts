// The user pool the browser examples need, on the local pool (server/): device tracking with
// devices remembered on the user's say-so, and choice-based sign-in with email codes on an app
// client that allows it. serve.ts and the browser tests both set it up from here.
import type { LocalPool } from '../../server';

export async function createBrowserExamplePool(
	lp: LocalPool,
	clientName: string,
): Promise<{ poolId: string; clientId: string }> {
	const pool = await lp.createUserPool({
		AutoVerifiedAttributes: ['email'],
		DeviceConfiguration: {
			ChallengeRequiredOnNewDevice: true,
			DeviceOnlyRememberedOnUserPrompt: true,
		},
		UserPoolTier: 'ESSENTIALS',
		Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] } },
	});
	const client = await lp.createUserPoolClient(pool.Id, {
		ClientName: clientName,
		ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_AUTH'],
	});
	return { poolId: pool.Id, clientId: client.ClientId };
}

/**
 * The pool of the sign-in app (examples/browser/index.html): every first factor (password,
 * email and SMS codes, passkeys for RP ID `localhost`), optional email MFA, and devices
 * remembered when the user ticks "Remember this device".
 */
export async function createSignInAppPool(
	lp: LocalPool,
	clientName: string,
): Promise<{ poolId: string; clientId: string }> {
	const pool = await lp.createUserPool({
		AutoVerifiedAttributes: ['email'],
		DeviceConfiguration: { DeviceOnlyRememberedOnUserPrompt: true },
		UserPoolTier: 'ESSENTIALS',
		Policies: {
			SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'] },
		},
	});
	await lp.call('SetUserPoolMfaConfig', {
		UserPoolId: pool.Id,
		MfaConfiguration: 'OPTIONAL',
		EmailMfaConfiguration: { Message: 'Your sign-in code is {####}', Subject: 'Your sign-in code' },
		WebAuthnConfiguration: { RelyingPartyId: 'localhost', UserVerification: 'required' },
	});
	const client = await lp.createUserPoolClient(pool.Id, {
		ClientName: clientName,
		ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_AUTH'],
	});
	return { poolId: pool.Id, clientId: client.ClientId };
}
