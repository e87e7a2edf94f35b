// Apps that extend the library's classes with fields of their own. They compile only if the
// published declarations hold no member the original's lacked under the same name.
import {
	AuthenticationDetails,
	CognitoAccessToken,
	CognitoIdToken,
	CognitoRefreshToken,
	CognitoUser,
	CognitoUserPool,
	CognitoUserSession,
	type ICognitoUserData,
} from 'amazon-cognito-identity-js';

// Seen in apps: an optional username on a user type of their own.
export interface AppUser extends CognitoUser {
	username?: string;
	pool?: unknown;
	client?: unknown;
	storage?: unknown;
	keyPrefix?: number;
	Session?: number | null;
	signInUserSession?: string;
	attributes?: Record<string, string>;
}

export interface AppPool extends CognitoUserPool {
	userPoolId?: number;
	clientId?: number;
	client?: string;
	advancedSecurityDataCollectionFlag?: string;
	wrapRefreshSessionCallback?: string;
	label?: string;
}

export interface AppSession extends CognitoUserSession {
	idToken?: string;
	accessToken?: string;
	refreshToken?: string;
	clockDrift?: string;
}

export interface AppIdToken extends CognitoIdToken {
	jwtToken?: number;
}
export interface AppAccessToken extends CognitoAccessToken {
	jwtToken?: number;
}
export interface AppRefreshToken extends CognitoRefreshToken {
	token?: number;
}
export interface AppDetails extends AuthenticationDetails {
	username?: number;
	password?: number;
	validationData?: string;
	authParameters?: string;
	clientMetadata?: string;
}

export class TrackedUser extends CognitoUser {
	readonly createdAt = Date.now();
	constructor(data: ICognitoUserData) {
		super(data);
	}
}
