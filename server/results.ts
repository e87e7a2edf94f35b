import { randomBytes, randomUUID } from 'node:crypto';
import type { Service } from './service';
import { type ClientConfig, type PoolRecord, type UserRecord, own } from './state';
import { lifetimesFor } from './tokens';

export interface ResultOptions {
	deviceKey?: string;
	/** Set for REFRESH_TOKEN_AUTH: the family being refreshed. */
	refresh?: { originJti: string; authTime: number };
}

let issued = 0;

/** Drops token families whose every token has expired, so a long-running server stays small. */
function prune(svc: Service): void {
	if (++issued % 1000 !== 0) return;
	const now = svc.now();
	for (const [jti, origin] of Object.entries(svc.state.origins)) {
		if (origin.expiresAt !== undefined && origin.expiresAt < now) delete svc.state.origins[jti];
	}
	for (const [token, record] of Object.entries(svc.state.refreshTokens)) {
		if (record.expiresAt < now || !own(svc.state.origins, record.originJti))
			delete svc.state.refreshTokens[token];
	}
}

/** Builds an AuthenticationResult; a fresh sign-in also gets a refresh token and maybe a new device. */
export async function authenticationResult(
	svc: Service,
	pool: PoolRecord,
	client: ClientConfig,
	user: UserRecord,
	opts: ResultOptions,
): Promise<Record<string, unknown>> {
	const now = svc.nowSeconds();
	const lifetimes = lifetimesFor(client, svc.options.tokenLifetimes);
	let deviceKey = opts.deviceKey;
	let newDevice: Record<string, string> | undefined;
	if (!opts.refresh && !deviceKey && pool.config.DeviceConfiguration) {
		deviceKey = `${svc.options.region}_${randomUUID()}`;
		pool.devices[deviceKey] = {
			key: deviceKey,
			groupKey: user.deviceGroupKey,
			username: user.username,
			confirmed: false,
			remembered: false,
			created: svc.now(),
			modified: svc.now(),
			lastAuth: svc.now(),
		};
		newDevice = { DeviceKey: deviceKey, DeviceGroupKey: user.deviceGroupKey };
	}
	const originJti = opts.refresh?.originJti ?? randomUUID();
	const authTime = opts.refresh?.authTime ?? now;
	const { accessToken, idToken } = await svc.signer.issue({
		poolId: pool.config.Id,
		client,
		user,
		originJti,
		deviceKey,
		authTime,
		nowSeconds: now,
		lifetimes,
	});
	const result: Record<string, unknown> = {
		AccessToken: accessToken,
		ExpiresIn: lifetimes.accessSeconds,
		TokenType: 'Bearer',
		IdToken: idToken,
	};
	const lastExpiry = svc.now() + Math.max(lifetimes.accessSeconds, lifetimes.idSeconds) * 1000;
	if (!opts.refresh) {
		const refreshToken = randomBytes(96).toString('base64url');
		prune(svc);
		svc.state.origins[originJti] = {
			poolId: pool.config.Id,
			username: user.username,
			revoked: false,
			expiresAt: Math.max(lastExpiry, svc.now() + lifetimes.refreshSeconds * 1000),
		};
		svc.state.refreshTokens[refreshToken] = {
			poolId: pool.config.Id,
			clientId: client.ClientId,
			username: user.username,
			originJti,
			deviceKey,
			authTime,
			expiresAt: svc.now() + lifetimes.refreshSeconds * 1000,
		};
		result.RefreshToken = refreshToken;
	}
	const origin = own(svc.state.origins, originJti);
	if (origin?.expiresAt !== undefined) origin.expiresAt = Math.max(origin.expiresAt, lastExpiry);
	if (newDevice) result.NewDeviceMetadata = newDevice;
	svc.changed();
	return { ChallengeParameters: {}, AuthenticationResult: result };
}
