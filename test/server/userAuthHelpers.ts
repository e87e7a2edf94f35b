// Choice-based sign-in over HTTP: a pool that allows one-time codes, a client with ALLOW_USER_AUTH.
import { type ApiResult, type Json, PASSWORD, type Setup, api, ok, setup } from './helpers';
import { totp } from './oracle';

export const USER_AUTH_FLOWS = [
	'ALLOW_USER_AUTH',
	'ALLOW_USER_SRP_AUTH',
	'ALLOW_USER_PASSWORD_AUTH',
	'ALLOW_REFRESH_TOKEN_AUTH',
];

/** A pool allowing PASSWORD, EMAIL_OTP and SMS_OTP first factors, and a USER_AUTH client. */
export function userAuthSetup(pool: Json = {}, client: Json = {}): Promise<Setup> {
	return setup(
		{
			Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP'] } },
			...pool,
		},
		{ ExplicitAuthFlows: USER_AUTH_FLOWS, ...client },
	);
}

/** A confirmed user with a password and, as given, verified e-mail and phone. */
export async function verifiedUser(
	s: Setup,
	username: string,
	attrs: Record<string, string> = {},
): Promise<void> {
	await s.lp.createUser(s.poolId, username, PASSWORD, attrs);
}

export const userAuth = (s: Setup, params: Record<string, string>, extra: Json = {}) =>
	api(s.url, 'InitiateAuth', {
		AuthFlow: 'USER_AUTH',
		ClientId: s.clientId,
		AuthParameters: params,
		...extra,
	});

export const respond = (
	s: Setup,
	name: string,
	session: unknown,
	responses: Record<string, string>,
): Promise<ApiResult> =>
	api(s.url, 'RespondToAuthChallenge', {
		ChallengeName: name,
		ClientId: s.clientId,
		Session: session,
		ChallengeResponses: responses,
	});

/** The newest code of `kind` sent to `username`. */
export function codeOf(s: Setup, username: string, kind: string): string {
	const m = s.lp.outbox.last({ poolId: s.poolId, username, kind });
	if (!m) throw new Error(`no ${kind} message for ${username}`);
	return m.code;
}

export const tokensOf = (r: ApiResult): Json => {
	if (r.status !== 200 || !r.body.AuthenticationResult)
		throw new Error(`no tokens: ${JSON.stringify(r.body)}`);
	return r.body.AuthenticationResult as Json;
};

export { ok };

/** Sets up TOTP for a signed-in user (AssociateSoftwareToken, then VerifySoftwareToken). */
export async function enableTotp(s: Setup, access: string): Promise<void> {
	const { SecretCode } = (await ok(s.url, 'AssociateSoftwareToken', { AccessToken: access })) as {
		SecretCode: string;
	};
	await ok(s.url, 'VerifySoftwareToken', {
		AccessToken: access,
		UserCode: totp(SecretCode, s.lp.now()),
	});
}
