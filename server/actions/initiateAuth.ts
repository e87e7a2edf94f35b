import { MSG, err, invalidParameter, notAuthorized } from '../errors';
import { triggersFor } from '../customAuth';
import { type Login, afterPassword, customNext, decoyUser, srpChallenge } from '../flow';
import type { Service } from '../service';
import { N, N_HEX, hexToBig } from '../srp';
import type { ClientConfig } from '../state';
import { checkUserAuthAllowed, proveClearPassword, startUserAuth } from '../userAuth';
import { type Json, optString, optStringMap, reqParam, reqString } from '../validate';
import { rotates } from './refresh';
import { signInAfterSignUp } from './signup';

const FLOWS = [
	'USER_SRP_AUTH',
	'REFRESH_TOKEN_AUTH',
	'REFRESH_TOKEN',
	'CUSTOM_AUTH',
	'USER_PASSWORD_AUTH',
	'USER_AUTH',
];
const ADMIN_FLOWS = ['ADMIN_NO_SRP_AUTH', 'ADMIN_USER_PASSWORD_AUTH'];

/** Whether a client's ExplicitAuthFlows (new ALLOW_* or legacy names) permit a flow. */
export function flowAllowed(client: ClientConfig, flow: string): boolean {
	const flows = client.ExplicitAuthFlows;
	if (flow === 'REFRESH_TOKEN') flow = 'REFRESH_TOKEN_AUTH';
	if (flows.includes(`ALLOW_${flow}`)) return true;
	// Choice-based sign-in came after the legacy names: only ALLOW_USER_AUTH turns it on.
	if (flow === 'USER_AUTH') return false;
	const legacy = flows.some((f) => !f.startsWith('ALLOW_'));
	if (!legacy) return false;
	// Legacy settings: SRP and refresh are always on; CUSTOM_AUTH_FLOW_ONLY turns off the rest.
	if (flows.includes('CUSTOM_AUTH_FLOW_ONLY'))
		return flow === 'CUSTOM_AUTH' || flow === 'REFRESH_TOKEN_AUTH';
	return (
		flow === 'USER_SRP_AUTH' ||
		flow === 'REFRESH_TOKEN_AUTH' ||
		flow === 'CUSTOM_AUTH' ||
		flows.includes(flow)
	);
}

export function parseA(params: Record<string, string>): bigint {
	const hex = reqParam(params, 'SRP_A');
	// A is a number mod N: anything longer (a sign byte aside) is not a client's A, and would be
	// kept whole in the pending session.
	if (hex.length > N_HEX.length + 2) throw invalidParameter('SRP_A is longer than the SRP group');
	const A = hexToBig(hex);
	if (A === undefined) throw invalidParameter('SRP_A is not a valid hexadecimal number');
	// An A that is 0 mod N would make the shared secret 0 whatever the password.
	if (A % N === 0n) throw invalidParameter('SRP_A cannot be zero (mod N)');
	return A;
}

export async function initiateAuth(svc: Service, body: Json): Promise<Json> {
	const flow = reqString(body, 'AuthFlow');
	const clientId = reqString(body, 'ClientId');
	const params = optStringMap(body, 'AuthParameters') ?? {};
	const clientMetadata = optStringMap(body, 'ClientMetadata');
	const { pool, client } = svc.client(clientId);
	if (ADMIN_FLOWS.includes(flow)) throw invalidParameter('Initiate Auth method not supported.');
	if (!FLOWS.includes(flow)) {
		throw invalidParameter(
			`1 validation error detected: Value '${flow}' at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set: [${FLOWS.join(', ')}]`,
		);
	}
	if (!flowAllowed(client, flow)) {
		// The newer flow answers as the service's model describes a flow the client lacks.
		if (flow === 'USER_AUTH')
			throw err('UnsupportedOperationException', 'USER_AUTH flow not enabled for this client');
		throw invalidParameter(`${flow} flow not enabled for this client`);
	}
	if (flow === 'REFRESH_TOKEN_AUTH' || flow === 'REFRESH_TOKEN') {
		if (rotates(client)) {
			throw invalidParameter(
				'Refresh token rotation is enabled for this client: use GetTokensFromRefreshToken.',
			);
		}
		return refresh(svc, client, params);
	}
	if (flow === 'USER_AUTH') checkUserAuthAllowed({ pool });

	const username = reqParam(params, 'USERNAME');
	const A =
		flow === 'USER_PASSWORD_AUTH' || flow === 'USER_AUTH'
			? undefined
			: params.SRP_A !== undefined
				? parseA(params)
				: undefined;
	if (flow === 'USER_SRP_AUTH' && A === undefined) reqParam(params, 'SRP_A');
	svc.checkSecretHash(
		client,
		[username],
		params.SECRET_HASH,
		`Client ${client.ClientId} is configured for secret but secret was not received`,
	);
	// The service refuses a flow whose triggers are missing before it looks at the user.
	if (flow === 'CUSTOM_AUTH') triggersFor(pool.config, svc.options.customAuth);
	const known = svc.findUser(pool, username);
	if (!known) svc.refuseUnknownUser(client);
	// PreventUserExistenceErrors: an unknown user goes down the same path as a user with a
	// password nobody knows, so every reply (and the work behind it) looks the same.
	const user = known ?? decoyUser(svc, pool, username);
	if (!user.enabled) throw notAuthorized(MSG.userDisabled);
	const login: Login = { svc, pool, client, user, authFlow: flow, clientMetadata };
	if (!known) login.decoy = username;

	if (flow === 'USER_PASSWORD_AUTH') {
		proveClearPassword(login, reqParam(params, 'PASSWORD'));
		return afterPassword(login, params.DEVICE_KEY);
	}
	if (flow === 'USER_AUTH') {
		const signUp = optString(body, 'Session');
		if (signUp !== undefined) return signInAfterSignUp(svc, login, signUp);
		return startUserAuth(login, params);
	}
	if (flow === 'CUSTOM_AUTH') {
		if (user.status === 'UNCONFIRMED') throw err('UserNotConfirmedException', MSG.userNotConfirmed);
		if (params.CHALLENGE_NAME === 'SRP_A' && A !== undefined) {
			return customNext(login, [{ challengeName: 'SRP_A', challengeResult: true }], A);
		}
		return customNext(login, []);
	}
	if (!user.verifier || A === undefined) throw notAuthorized(MSG.badCredentials);
	return srpChallenge(login, A, user.verifier.verifier, user.verifier.salt, 'PASSWORD_VERIFIER');
}

async function refresh(
	svc: Service,
	client: ClientConfig,
	params: Record<string, string>,
): Promise<Json> {
	const token = reqParam(params, 'REFRESH_TOKEN');
	const { record, pool, user } = svc.tokens.refreshable(client.ClientId, token);
	svc.checkSecretHash(client, [user.username, user.attributes.sub ?? ''], params.SECRET_HASH);
	return svc.authenticationResult(pool, client, user, {
		deviceKey: record.deviceKey,
		refresh: { originJti: record.originJti, authTime: record.authTime },
	});
}
