// Public types shared across the library. Names match the original's index.d.ts so that
// applications keep compiling; where the original said `any`, these say what actually arrives.

import type CognitoAccessToken from './CognitoAccessToken';
import type CognitoIdToken from './CognitoIdToken';
import type CognitoRefreshToken from './CognitoRefreshToken';
import type CognitoUser from './CognitoUser';
import type CognitoUserPool from './CognitoUserPool';
import type CognitoUserSession from './CognitoUserSession';
import type { PasskeyOptions, PublicKeyCredentialRequestOptionsJSON } from './passkeyTypes';
import type { AuthFactorType, CognitoErrorCode, MfaSettingName } from './signInTypes';

export type {
	AuthenticationResponseJSON,
	Base64URLString,
	ListWebAuthnCredentialsOptions,
	ListWebAuthnCredentialsResult,
	PasskeyOptions,
	PublicKeyCredentialCreationOptionsJSON,
	PublicKeyCredentialDescriptorJSON,
	PublicKeyCredentialRequestOptionsJSON,
	RegisterPasskeyOptions,
	RegistrationResponseJSON,
	WebAuthnCredentialDescription,
} from './passkeyTypes';

export type {
	AuthFactorType,
	ChallengeSelectionOptions,
	CognitoErrorCode,
	ConfirmRegistrationOptions,
	MfaPreferenceExtra,
	MfaSettingName,
	UserAuthFactorsResult,
} from './signInTypes';

/**
 * The one way this library types an old-style callback: declared through a method, so that
 * TypeScript compares its parameters bivariantly even under `strictFunctionTypes`. Callbacks
 * annotated the way applications annotated them against the original's typings, whose
 * parameters were mostly `any` (`(err, session: CognitoUserSession) => …`,
 * `(err?: Error, result?: any) => …`, `(err: Error | null, result: string) => …`), are
 * accepted, while an unannotated callback gets the real types. Callback objects get the same
 * treatment by declaring their members as methods.
 */
export type OldStyleCallback<Args extends unknown[]> = {
	bivarianceHack(...args: Args): void;
}['bivarianceHack'];

/**
 * A callback called `(error, null)` on failure and `(null, result)` on success. `result` is
 * typed as on success, as the original's `any` let applications read it after checking `err`.
 */
export type ResultCallback<T> = OldStyleCallback<
	[err: ICognitoError | null | undefined, result: T]
>;

/** The callback of `updateAttributes`, which also receives the service's reply. */
export type UpdateAttributesCallback = OldStyleCallback<
	[err: ICognitoError | null | undefined, result: 'SUCCESS', details: UpdateAttributesResult]
>;

/** The callback of `signOut`, `revokeTokens` and `revokeToken`: `(err)` or `()`. */
export type RevokeCallback = OldStyleCallback<[err?: Error]>;

/** A Node-style callback, as the original declared it; the library accepts it wherever it
 * takes a `ResultCallback`. */
export type NodeCallback<E, T> = (err?: E, result?: T) => void;

// A namespace keeps the original's `NodeCallback.Any` spelling available to applications.
// eslint-disable-next-line @typescript-eslint/no-namespace
export namespace NodeCallback {
	/** A callback whose result type the caller decides, as the original's `any` let it. */
	export type Any = OldStyleCallback<[err?: Error | null, result?: unknown]>;
}

/** The `updateAttributes` callback, as the original declared it. */
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
	code?: CognitoErrorCode;
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
	| 'SOFTWARE_TOKEN_MFA'
	| 'SELECT_CHALLENGE'
	| 'EMAIL_OTP'
	| 'SMS_OTP'
	| 'WEB_AUTHN';

/** Callbacks for the authentication flows; only the members a flow can reach are called. */
export interface IAuthenticationCallback {
	/** Signed in; `userConfirmationNecessary` is `true` when ConfirmDevice asked for it. */
	onSuccess(session: CognitoUserSession, userConfirmationNecessary?: boolean): void;
	/** The flow failed. */
	onFailure(err: ICognitoError): void;
	/** NEW_PASSWORD_REQUIRED: the user's attributes and the names of those still required. */
	newPasswordRequired?(
		userAttributes: NewPasswordUserAttributes,
		requiredAttributes: string[],
	): void;
	/** SMS_MFA (or an SMS_MFA selection): ask for the code and call `sendMFACode`. */
	mfaRequired?(challengeName: ChallengeName, challengeParameters: ChallengeParameters): void;
	/** SOFTWARE_TOKEN_MFA: ask for the TOTP code and call `sendMFACode(code, cb, 'SOFTWARE_TOKEN_MFA')`. */
	totpRequired?(challengeName: ChallengeName, challengeParameters: ChallengeParameters): void;
	/** CUSTOM_CHALLENGE: answer with `sendCustomChallengeAnswer`. */
	customChallenge?(challengeParameters: ChallengeParameters): void;
	/** MFA_SETUP: associate and verify a TOTP token. */
	mfaSetup?(challengeName: ChallengeName, challengeParameters: ChallengeParameters): void;
	/** SELECT_MFA_TYPE: answer with `sendMFASelectionAnswer`. */
	selectMFAType?(challengeName: ChallengeName, challengeParameters: ChallengeParameters): void;
	/**
	 * SELECT_CHALLENGE (choice-based sign-in): the first factors the user may choose from (the
	 * reply's top-level `AvailableChallenges`); answer with `sendChallengeSelection`.
	 */
	selectChallenge?(availableChallenges: string[], challengeParameters: ChallengeParameters): void;
	/**
	 * EMAIL_OTP, as a first factor or as email MFA: a code was emailed
	 * (`CODE_DELIVERY_DELIVERY_MEDIUM`, the masked `CODE_DELIVERY_DESTINATION`); answer with
	 * `sendOtpCode` or `sendMFACode(code, callbacks, 'EMAIL_OTP')`.
	 */
	emailOtpRequired?(challengeName: ChallengeName, challengeParameters: ChallengeParameters): void;
	/** SMS_OTP, a first factor: a code was texted; answer with `sendOtpCode`. */
	smsOtpRequired?(challengeName: ChallengeName, challengeParameters: ChallengeParameters): void;
	/**
	 * WEB_AUTHN: a passkey is asked for. `challengeParameters` are the service's (with
	 * `CREDENTIAL_REQUEST_OPTIONS`, a JSON string); `requestOptions` is that string parsed.
	 * Run the authenticator and answer with `sendWebAuthnCredential`. Without this callback
	 * the library runs `navigator.credentials.get` itself in a browser, and elsewhere fails
	 * with `WebAuthnNotSupportedException`.
	 */
	webAuthnRequired?(
		challengeName: ChallengeName,
		challengeParameters: ChallengeParameters,
		requestOptions: PublicKeyCredentialRequestOptionsJSON,
	): void;
}

/** The user's attributes as NEW_PASSWORD_REQUIRED lists them: names to string values. */
export type NewPasswordUserAttributes = { [name: string]: string };

/** Callbacks of methods that report through `onSuccess` / `onFailure`. */
export interface IResultCallbacks<T> {
	/** The operation succeeded. */
	onSuccess(result: T): void;
	/** The operation failed. */
	onFailure(err: ICognitoError): void;
}

/** Callbacks of methods that may ask for a verification code instead of succeeding. */
export interface IVerificationCodeCallbacks<T, D = CodeDeliveryResult> extends IResultCallbacks<T> {
	/** When supplied, called instead of `onSuccess` with where the code was sent. */
	inputVerificationCode?(data: D): void;
}

/** Callbacks of `associateSoftwareToken`. */
export interface IAssociateSoftwareTokenCallbacks {
	/** The TOTP secret to show to the user (as a QR code, usually). */
	associateSecretCode(secretCode: string): void;
	/** The request failed. */
	onFailure(err: ICognitoError): void;
}

/** Callbacks of `sendMFASelectionAnswer`. */
export type IMfaSelectionCallbacks = Pick<
	IAuthenticationCallback,
	'onSuccess' | 'onFailure' | 'mfaRequired' | 'totpRequired' | 'emailOtpRequired'
>;

/** `getSession`'s callback: `(error, null)` or `(null, session)`. */
export type GetSessionCallback = OldStyleCallback<
	[error: Error | null, session: CognitoUserSession | null]
>;

/** Tokens and device metadata of a successful authentication, as the service sends them. */
export interface AuthenticationResult {
	AccessToken?: string;
	IdToken?: string;
	RefreshToken?: string | null;
	ExpiresIn?: number;
	TokenType?: string;
	NewDeviceMetadata?: { DeviceKey: string; DeviceGroupKey: string } | null;
}

/** Reply of InitiateAuth and RespondToAuthChallenge. */
export interface AuthChallengeResponse {
	ChallengeName?: string;
	ChallengeParameters?: ChallengeParameters;
	Session?: string;
	AuthenticationResult?: AuthenticationResult;
	/** SELECT_CHALLENGE's choices: a top-level member, not inside ChallengeParameters. */
	AvailableChallenges?: string[];
}

/** A remembered device as GetDevice and ListDevices describe it. */
export interface CognitoDevice {
	DeviceKey?: string;
	DeviceAttributes?: ICognitoUserAttributeData[];
	DeviceCreateDate?: number;
	DeviceLastModifiedDate?: number;
	DeviceLastAuthenticatedDate?: number;
}

/** Reply of GetDevice. */
export interface GetDeviceResult {
	Device: CognitoDevice;
}

/** Reply of ListDevices. */
export interface ListDevicesResult {
	Devices: CognitoDevice[];
	PaginationToken?: string;
}

/** Reply of ForgotPassword, ResendConfirmationCode and GetUserAttributeVerificationCode. */
export interface CodeDeliveryResult {
	CodeDeliveryDetails: CodeDeliveryDetails;
}

/** Reply of UpdateUserAttributes. */
export interface UpdateAttributesResult {
	CodeDeliveryDetailsList?: CodeDeliveryDetails[];
}

/** Reply of VerifySoftwareToken. */
export interface VerifySoftwareTokenResult {
	Status?: 'SUCCESS' | 'ERROR';
	Session?: string;
}

/** Options of `getUserData`. */
export interface GetUserDataOptions {
	/**
	 * When a cached copy exists: fetch GetUser from the service anyway, cache the reply, and,
	 * when the session has a refresh token, also refresh the tokens (so that the ID token
	 * carries attributes that just changed); a failed refresh is ignored. Without a cached copy
	 * the data is fetched either way, and, as in the original, the tokens are not refreshed.
	 */
	bypassCache?: boolean;
	/** Sent with that token refresh, to the pool's Lambda triggers. */
	clientMetadata?: ClientMetadata;
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
	/** USER_AUTH: the first factor to start with; without it the service offers a choice. */
	PreferredChallenge?: AuthFactorType;
	/** USER_AUTH: the Session of a passwordless sign-up (`confirmRegistration`), on another page. */
	Session?: string;
	/** How the library runs the browser's passkey request (autofill, an AbortSignal). */
	PasskeyOptions?: PasskeyOptions;
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
	PreferredMfaSetting: MfaSettingName;
	UserAttributes: ICognitoUserAttributeData[];
	UserMFASettingList: MfaSettingName[];
	Username: string;
}

/** What `signUp` calls back with. */
export interface ISignUpResult {
	user: CognitoUser;
	userConfirmed: boolean;
	userSub: string;
	codeDeliveryDetails: CodeDeliveryDetails;
	/** SignUp's Session (passwordless sign-up), for `confirmRegistration` and a USER_AUTH sign-in. */
	session?: string;
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
	/**
	 * Refresh through GetTokensFromRefreshToken, for app clients with refresh-token rotation
	 * (not in the original; default false: InitiateAuth REFRESH_TOKEN_AUTH). A rotated refresh
	 * token replaces the stored one before any callback runs.
	 */
	RefreshTokenRotation?: boolean;
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
