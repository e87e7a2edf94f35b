import { randomBytes } from 'node:crypto';
import { MSG, err, invalidParameter, notAuthorized } from '../errors';
import { type Login, afterPassword, customNext, srpChallenge } from '../flow';
import { type Service, poolName } from '../service';
import { N, checkPassword, hexToBig, makeVerifier } from '../srp';
import { type ClientConfig, own } from '../state';
import { type Json, optStringMap, reqParam, reqString } from '../validate';

const FLOWS = [
	'USER_SRP_AUTH',
	'REFRESH_TOKEN_AUTH',
	'REFRESH_TOKEN',
	'CUSTOM_AUTH',
	'USER_PASSWORD_AUTH',
];
const ADMIN_FLOWS = ['ADMIN_NO_SRP_AUTH', 'ADMIN_USER_PASSWORD_AUTH'];

/** Whether a client's ExplicitAuthFlows (new ALLOW_* or legacy names) permit a flow. */
export function flowAllowed(client: ClientConfig, flow: string): boolean {
	const flows = client.ExplicitAuthFlows;
	if (flow === 'REFRESH_TOKEN') flow = 'REFRESH_TOKEN_AUTH';
	if (flows.includes(`ALLOW_${flow}`)) return true;
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
	const A = hexToBig(reqParam(params, 'SRP_A'));
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
	if (!flowAllowed(client, flow))
		throw invalidParameter(`${flow} flow not enabled for this client`);
	if (flow === 'REFRESH_TOKEN_AUTH' || flow === 'REFRESH_TOKEN')
		return refresh(svc, client, params);

	const username = reqParam(params, 'USERNAME');
	const A =
		flow === 'USER_PASSWORD_AUTH'
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
	const user = svc.findUser(pool, username);
	if (!user) {
		// PreventUserExistenceErrors: an unknown user gets a plausible SRP challenge that cannot succeed.
		if (
			client.PreventUserExistenceErrors === 'LEGACY' ||
			A === undefined ||
			flow === 'CUSTOM_AUTH'
		) {
			throw svc.unknownUser(client);
		}
		return decoy(svc, client, pool.config.Id, username, A);
	}
	if (!user.enabled) throw notAuthorized(MSG.userDisabled);
	const login: Login = { svc, pool, client, user, authFlow: flow, clientMetadata };

	if (flow === 'USER_PASSWORD_AUTH') {
		const password = reqParam(params, 'PASSWORD');
		const ok =
			user.verifier &&
			checkPassword(poolName(pool.config.Id), user.username, password, user.verifier);
		if (!ok) throw notAuthorized(MSG.badCredentials);
		return afterPassword(login, params.DEVICE_KEY);
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

function decoy(
	svc: Service,
	client: ClientConfig,
	poolId: string,
	username: string,
	A: bigint,
): Json {
	const fake = makeVerifier(poolId, username, randomBytes(16).toString('hex'));
	const user = {
		username,
		attributes: {},
		status: 'CONFIRMED' as const,
		enabled: true,
		created: 0,
		modified: 0,
		smsMfaEnabled: false,
		totpEnabled: false,
		deviceGroupKey: '',
		codes: {},
	};
	const pool = svc.pool(poolId);
	const login: Login = { svc, pool, client, user, authFlow: 'USER_SRP_AUTH' };
	return srpChallenge(login, A, fake.verifier, fake.salt, 'PASSWORD_VERIFIER', { decoy: true });
}

async function refresh(
	svc: Service,
	client: ClientConfig,
	params: Record<string, string>,
): Promise<Json> {
	const token = reqParam(params, 'REFRESH_TOKEN');
	const record = own(svc.state.refreshTokens, token);
	if (!record || record.clientId !== client.ClientId) throw notAuthorized(MSG.refreshInvalid);
	const origin = svc.state.origins[record.originJti];
	const pool = svc.state.pools[record.poolId];
	const user = pool?.users[record.username];
	if (!origin || origin.revoked || !pool || !user) throw notAuthorized(MSG.refreshRevoked);
	if (record.expiresAt <= svc.now()) throw notAuthorized(MSG.refreshExpired);
	if (!user.enabled) throw notAuthorized(MSG.userDisabled);
	svc.checkSecretHash(client, [user.username, user.attributes.sub ?? ''], params.SECRET_HASH);
	return svc.authenticationResult(pool, client, user, {
		deviceKey: record.deviceKey,
		refresh: { originJti: record.originJti, authTime: record.authTime },
	});
}
