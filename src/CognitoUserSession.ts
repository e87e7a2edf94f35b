import type CognitoAccessToken from './CognitoAccessToken';
import type CognitoIdToken from './CognitoIdToken';
import type CognitoRefreshToken from './CognitoRefreshToken';
import type { ICognitoUserSessionData } from './types';

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/**
 * The tokens of a signed-in user, plus how far the device clock is from the service's. Its
 * fields are marked internal: the published declarations leave them out, as the original's
 * did, so that an app's `interface X extends CognitoUserSession` may use their names.
 */
export default class CognitoUserSession {
	/** The ID token. @internal */
	idToken: CognitoIdToken;
	/** The refresh token, if the service issued one. @internal */
	refreshToken: CognitoRefreshToken | undefined;
	/** The access token. @internal */
	accessToken: CognitoAccessToken;
	/** Seconds the device clock is ahead of the token issuer's (negative when behind). @internal */
	clockDrift: number;

	/**
	 * @param data - IdToken and AccessToken are required; ClockDrift is computed from the
	 * tokens' `iat` when absent, so a device clock that is off does not invalidate the session.
	 * @throws Error 'Id token and Access Token must be present.'
	 */
	constructor(data: Partial<ICognitoUserSessionData> = {}) {
		const { IdToken, RefreshToken, AccessToken, ClockDrift } = data;
		if (AccessToken == null || IdToken == null) {
			throw new Error('Id token and Access Token must be present.');
		}
		this.idToken = IdToken;
		this.refreshToken = RefreshToken;
		this.accessToken = AccessToken;
		this.clockDrift = ClockDrift === undefined ? this.calculateClockDrift() : ClockDrift;
	}

	/** @returns the ID token. */
	getIdToken(): CognitoIdToken {
		return this.idToken;
	}

	/** @returns the refresh token (typed as always present, as the original declared it). */
	getRefreshToken(): CognitoRefreshToken {
		return this.refreshToken as CognitoRefreshToken;
	}

	/** @returns the access token. */
	getAccessToken(): CognitoAccessToken {
		return this.accessToken;
	}

	/** @returns the clock drift in seconds. */
	getClockDrift(): number {
		return this.clockDrift;
	}

	/** Seconds between now and the earlier of the two tokens' issue times. @internal */
	calculateClockDrift(): number {
		const issuedAt = Math.min(this.accessToken.getIssuedAt(), this.idToken.getIssuedAt());
		return nowSeconds() - issuedAt;
	}

	/**
	 * Whether both tokens are unexpired on the service's clock (the device clock corrected
	 * by the drift). A token without `exp` is never valid.
	 */
	isValid(): boolean {
		const adjusted = nowSeconds() - this.clockDrift;
		return adjusted < this.accessToken.getExpiration() && adjusted < this.idToken.getExpiration();
	}
}
