/** The opaque refresh token of a session. */
export default class CognitoRefreshToken {
	/** The token, or `''`. @internal (not in the original's declarations) */
	token: string;

	/** @param data - an object with `RefreshToken`; anything else gives an empty token. */
	constructor({ RefreshToken }: { RefreshToken?: string | null } = {}) {
		this.token = RefreshToken || '';
	}

	/** @returns the token. */
	getToken(): string {
		return this.token;
	}
}
