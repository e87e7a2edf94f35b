// Public types shared across the library. Names match the original's index.d.ts so that
// applications keep compiling; where the original said `any`, these say what actually arrives.

import type CognitoAccessToken from './CognitoAccessToken';
import type CognitoIdToken from './CognitoIdToken';
import type CognitoRefreshToken from './CognitoRefreshToken';
import type CognitoUser from './CognitoUser';
import type CognitoUserPool from './CognitoUserPool';
import type CognitoUserSession from './CognitoUserSession';

/** A Node-style callback: `(err)` on failure, `(null, result)` on success. */
export type NodeCallback<E, T> = (err?: E, result?: T) => void;

// A namespace keeps the original's `NodeCallback.Any` spelling available to applications.
// eslint-disable-next-line @typescript-eslint/no-namespace
export namespace NodeCallback {
	/**
	 * A callback whose result type the caller decides. Declared through a method so that
	 * callbacks with a narrower result type are still accepted, as they were with `any`.
	 */
	export type Any = {
		bivarianceHack(err?: Error | null, result?: unknown): void;
	}['bivarianceHack'];
}

/** The `updateAttributes` callback, which also receives the service's response. */
export type UpdateAttributesNodeCallback<E, T, K> = (err?: E, result?: T, details?: K) => void;

/** Where a confirmation code was sent. */
export interface CodeDeliveryDetails {
	AttributeName: string;
	DeliveryMedium: string;
	Destination: string;
}

/** Free-form key/value pairs forwarded to the pool's Lambda triggers. */
export type ClientMetadata = { [key: string]: string } | undefined;

/** An error as the library reports it: an `Error`, usually with the service's code. */
export interface ICognitoError extends Error {
	/** The service's error code, such as `NotAuthorizedException`, when there is one. */
	code?: string;
	/** The HTTP status of the reply, when there was a reply. */
	statusCode?: number;
}

/** Challenge parameters exactly as the service returned them. */
export type ChallengeParameters = { [key: string]: string };

/** The challenge names the authentication callbacks can be told about. */
export type ChallengeName =
	| 'CUSTOM_CHALLENGE'
	| 'MFA_SETUP'
	| 'NEW_PASSWORD_REQUIRED'
	| 'SELECT_MFA_TYPE'
	| 'SMS_MFA'
	| 'SOFTWARE_TOKEN_MFA';

/** Callbacks for the authentication flows; only the members a flow can reach are called. */
export interface IAuthenticationCallback {
	onSuccess: (session: CognitoUserSession, userConfirmationNecessary?: boolean) => void;
	onFailure: (err: ICognitoError) => void;
	newPasswordRequired?: (
		userAttributes: { [key: string]: unknown },
		requiredAttributes: string[],
	) => void;
	mfaRequired?: (challengeName: ChallengeName, challengeParameters: ChallengeParameters) => void;
	totpRequired?: (challengeName: ChallengeName, challengeParameters: ChallengeParameters) => void;
	customChallenge?: (challengeParameters: ChallengeParameters) => void;
	mfaSetup?: (challengeName: ChallengeName, challengeParameters: ChallengeParameters) => void;
	selectMFAType?: (challengeName: ChallengeName, challengeParameters: ChallengeParameters) => void;
}

/** One MFA method's settings for `setUserMfaPreference`. */
export interface IMfaSettings {
	PreferredMfa: boolean;
	Enabled: boolean;
}

/** Input of `new AuthenticationDetails(...)`. */
export interface IAuthenticationDetailsData {
	Username?: string;
	Password?: string;
	ValidationData?: { [key: string]: unknown };
	AuthParameters?: { [key: string]: string };
	ClientMetadata?: ClientMetadata;
}

/**
 * What the library needs from a token store. `getItem` may return `undefined` for a missing
 * key, as the in-memory store does; `localStorage` returns `null`.
 */
export interface ICognitoStorage {
	setItem(key: string, value: string): unknown;
	getItem(key: string): string | null | undefined;
	removeItem(key: string): unknown;
	clear(): unknown;
}

/** Input of `new CognitoUser(...)`. */
export interface ICognitoUserData {
	Username: string;
	Pool: CognitoUserPool;
	Storage?: ICognitoStorage;
}

/** Options of `getSession`. */
export interface GetSessionOptions {
	clientMetadata?: Record<string, string>;
}

/** An MFA option of the deprecated SMS-only MFA settings. */
export interface MFAOption {
	DeliveryMedium: 'SMS' | 'EMAIL';
	AttributeName: string;
}

/** A user attribute as plain data. */
export interface ICognitoUserAttributeData {
	Name: string;
	Value: string;
}

/** The `GetUser` response that `getUserData` delivers and caches. */
export interface UserData {
	MFAOptions: MFAOption[];
	PreferredMfaSetting: string;
	UserAttributes: ICognitoUserAttributeData[];
	UserMFASettingList: string[];
	Username: string;
}

/** What `signUp` calls back with. */
export interface ISignUpResult {
	user: CognitoUser;
	userConfirmed: boolean;
	userSub: string;
	codeDeliveryDetails: CodeDeliveryDetails;
}

/** The only fetch option the client forwards. */
export interface IClientFetchOptions {
	credentials?: 'omit' | 'same-origin' | 'include';
}

/** Input of `new CognitoUserPool(...)`. */
export interface ICognitoUserPoolData {
	UserPoolId: string;
	ClientId: string;
	/** Overrides `https://cognito-idp.<region>.amazonaws.com/`. */
	endpoint?: string;
	/** Only `credentials` is forwarded to `fetch`. */
	fetchOptions?: IClientFetchOptions;
	Storage?: ICognitoStorage;
	AdvancedSecurityDataCollectionFlag?: boolean;
	/**
	 * Milliseconds after which an unanswered request fails with `RequestTimeoutException`.
	 * Absent or `0`: no timeout, as in the original.
	 */
	requestTimeout?: number;
	/**
	 * The app client's secret, for clients created with one (not in the original). Every
	 * request that the API requires it for then carries the secret hash, and RevokeToken the
	 * secret itself. Only for server-side code: a secret shipped to browsers is not secret.
	 */
	ClientSecret?: string;
}

/** Input of `new CognitoUserSession(...)`. */
export interface ICognitoUserSessionData {
	IdToken: CognitoIdToken;
	AccessToken: CognitoAccessToken;
	RefreshToken?: CognitoRefreshToken;
	/** Seconds the device clock is ahead of the service; computed from the tokens if absent. */
	ClockDrift?: number;
}

/** Input of `new CookieStorage(...)`. */
export interface ICookieStorageData {
	domain?: string;
	path?: string;
	expires?: number;
	secure?: boolean;
	sameSite?: 'strict' | 'lax' | 'none';
}
