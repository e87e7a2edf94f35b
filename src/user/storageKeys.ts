// The storage layout: the one place where keys are spelled.
//
// This layout is a compatibility contract, not an implementation detail. Sessions and
// remembered devices written by the original SDK (and by Amplify v5, which reads the same keys)
// must be found by this library, and the reverse, so none of these names may change:
//
//   CognitoIdentityServiceProvider.<clientId>.LastAuthUser              the last signed-in username
//   CognitoIdentityServiceProvider.<clientId>.<username>.idToken        the ID token (JWT)
//   CognitoIdentityServiceProvider.<clientId>.<username>.accessToken    the access token (JWT)
//   CognitoIdentityServiceProvider.<clientId>.<username>.refreshToken   the refresh token
//   CognitoIdentityServiceProvider.<clientId>.<username>.clockDrift     seconds, as a decimal string
//   CognitoIdentityServiceProvider.<clientId>.<username>.userData       the GetUser reply, as JSON
//   CognitoIdentityServiceProvider.<clientId>.<username>.deviceKey      the remembered device's key
//   CognitoIdentityServiceProvider.<clientId>.<username>.randomPasswordKey  the device secret
//   CognitoIdentityServiceProvider.<clientId>.<username>.deviceGroupKey the device's group key
//
// `<username>` is the username the service knows the user by (after an SRP login,
// USER_ID_FOR_SRP), used verbatim: no escaping, as in the original.

/** The keys kept for one user of one app client. */
export interface UserKeys {
	idToken: string;
	accessToken: string;
	refreshToken: string;
	clockDrift: string;
	userData: string;
	deviceKey: string;
	randomPasswordKey: string;
	deviceGroupKey: string;
}

/** `CognitoIdentityServiceProvider.<clientId>`: the prefix of every key of an app client. */
export function clientKeyPrefix(clientId: string): string {
	return `CognitoIdentityServiceProvider.${clientId}`;
}

/** The key of the last signed-in username, under an app client's prefix. */
export function lastAuthUserKey(keyPrefix: string): string {
	return `${keyPrefix}.LastAuthUser`;
}

/** The keys of `username` under an app client's prefix. */
export function userKeys(keyPrefix: string, username: string): UserKeys {
	const base = `${keyPrefix}.${username}`;
	return {
		idToken: `${base}.idToken`,
		accessToken: `${base}.accessToken`,
		refreshToken: `${base}.refreshToken`,
		clockDrift: `${base}.clockDrift`,
		userData: `${base}.userData`,
		deviceKey: `${base}.deviceKey`,
		randomPasswordKey: `${base}.randomPasswordKey`,
		deviceGroupKey: `${base}.deviceGroupKey`,
	};
}
