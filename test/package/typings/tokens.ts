// Sessions and tokens: reading claims the way apps do.
import {
	CognitoAccessToken,
	CognitoIdToken,
	CognitoRefreshToken,
	CognitoUserSession,
	type ICognitoUserSessionData,
} from 'amazon-cognito-identity-js';

const data: ICognitoUserSessionData = {
	IdToken: new CognitoIdToken({ IdToken: 'id.jwt' }),
	AccessToken: new CognitoAccessToken({ AccessToken: 'access.jwt' }),
	RefreshToken: new CognitoRefreshToken({ RefreshToken: 'refresh' }),
};
const session = new CognitoUserSession(data);
export const withoutRefresh = new CognitoUserSession({
	IdToken: data.IdToken,
	AccessToken: data.AccessToken,
});

const idToken: CognitoIdToken = session.getIdToken();
const accessToken: CognitoAccessToken = session.getAccessToken();
const refreshToken: CognitoRefreshToken = session.getRefreshToken();
export const valid: boolean = session.isValid();

// Claims assigned straight to typed variables: the original types payloads as
// `{ [key: string]: any }`.
export const username: string = idToken.payload['cognito:username'];
export const email: string = idToken.payload.email;
export const groups: string[] = accessToken.payload['cognito:groups'] ?? [];
export const expiresAt: number = accessToken.payload.exp * 1000;
const { sub, email_verified } = idToken.decodePayload();
const { client_id, scope }: { [id: string]: any } = accessToken.decodePayload();
const verified: boolean = email_verified;
export const claims: string[] = [sub, client_id, scope, String(verified)];

export const jwt: string = idToken.getJwtToken();
export const accessJwt: string = accessToken.getJwtToken();
export const expiration: number = idToken.getExpiration();
export const issuedAt: number = accessToken.getIssuedAt();
export const refresh: string = refreshToken.getToken();

export function header(s: CognitoUserSession): Record<string, string> {
	return { Authorization: `Bearer ${s.getIdToken().getJwtToken()}` };
}
