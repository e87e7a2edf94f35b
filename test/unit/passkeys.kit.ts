// Passkey fixtures shared by the passkey unit tests: the service's creation and request options
// (with the extra keys Cognito sends) and an assertion, base64url throughout; a signed-in user.
import CognitoAccessToken from '../../src/CognitoAccessToken';
import CognitoIdToken from '../../src/CognitoIdToken';
import CognitoRefreshToken from '../../src/CognitoRefreshToken';
import type CognitoUser from '../../src/CognitoUser';
import CognitoUserSession from '../../src/CognitoUserSession';
import { authResult } from './CognitoUser.kit';

/** Gives `user` a valid session; returns its access token. */
export function signIn(user: CognitoUser): string {
	const result = authResult();
	user.signInUserSession = new CognitoUserSession({
		IdToken: new CognitoIdToken(result),
		AccessToken: new CognitoAccessToken(result),
		RefreshToken: new CognitoRefreshToken(result),
	});
	return result.AccessToken;
}

export const CREATION = {
	rp: { id: 'example.com', name: 'example.com' },
	user: { id: 'dXNlci1oYW5kbGU', name: 'alice', displayName: '' },
	challenge: 'Y2hhbGxlbmdl',
	pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
	excludeCredentials: [{ type: 'public-key', id: 'AQID' }],
	authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
};

export const REQUEST_OPTIONS = {
	hints: [],
	attestation: 'none',
	challenge: 'Y2hhbGxlbmdl',
	timeout: 180000,
	rpId: 'example.com',
	allowCredentials: [{ id: 'AQID', type: 'public-key' }],
	userVerification: 'required',
};

export const ASSERTION = {
	id: 'AQID',
	rawId: 'AQID',
	type: 'public-key',
	response: { clientDataJSON: 'e30', authenticatorData: 'AAAA', signature: 'MEUC' },
	clientExtensionResults: {},
};
