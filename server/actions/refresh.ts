import { sameSecret } from '../compare';
import { MSG, invalidParameter, notAuthorized } from '../errors';
import type { Service } from '../service';
import type { ClientConfig } from '../state';
import { type Json, optString, optStringMap, reqString } from '../validate';

/** Whether the client rotates refresh tokens (RefreshTokenRotation.Feature ENABLED). */
export const rotates = (client: ClientConfig): boolean =>
	client.RefreshTokenRotation?.Feature === 'ENABLED';

/** DeviceKeyType: the region, an underscore, then the key's UUID. */
const DEVICE_KEY = /^[\w-]+_[0-9a-f-]+$/;

/**
 * GetTokensFromRefreshToken: new ID and access tokens, with rotation also a new refresh token
 * (the one presented stops working after RetryGracePeriodSeconds). Secret clients send their
 * raw ClientSecret here, not a SECRET_HASH.
 */
export async function getTokensFromRefreshToken(svc: Service, body: Json): Promise<Json> {
	const token = reqString(body, 'RefreshToken');
	const { client } = svc.client(reqString(body, 'ClientId'));
	const secret = optString(body, 'ClientSecret');
	// ClientMetadata goes to triggers the local pool does not run; it is checked for shape only.
	optStringMap(body, 'ClientMetadata');
	const deviceKey = optString(body, 'DeviceKey');
	if (deviceKey !== undefined && !DEVICE_KEY.test(deviceKey)) {
		throw invalidParameter(
			"1 validation error detected: Value at 'deviceKey' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+_[0-9a-f-]+",
		);
	}
	if (client.ClientSecret && !sameSecret(secret ?? '', client.ClientSecret)) {
		throw notAuthorized(`Unable to verify secret hash for client ${client.ClientId}`);
	}
	const { record, pool, user } = svc.tokens.refreshable(client.ClientId, token);
	// A refresh token belongs to the device it was issued with; another device's key is refused.
	if (deviceKey !== undefined && record.deviceKey !== undefined && deviceKey !== record.deviceKey)
		throw notAuthorized(MSG.refreshInvalid);
	const { AuthenticationResult } = await svc.authenticationResult(pool, client, user, {
		deviceKey: record.deviceKey,
		refresh: { originJti: record.originJti, authTime: record.authTime },
		rotate: rotates(client)
			? { token, graceSeconds: client.RefreshTokenRotation?.RetryGracePeriodSeconds ?? 0 }
			: undefined,
	});
	return { AuthenticationResult };
}
