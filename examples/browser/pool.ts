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
