// The runtime exports are exactly the original's, in the same order; everything else is a type.
export { default as AuthenticationDetails } from './AuthenticationDetails';
export { default as AuthenticationHelper } from './AuthenticationHelper';
export { default as CognitoAccessToken } from './CognitoAccessToken';
export { default as CognitoIdToken } from './CognitoIdToken';
export { default as CognitoRefreshToken } from './CognitoRefreshToken';
export { default as CognitoUser } from './CognitoUser';
export { default as CognitoUserAttribute } from './CognitoUserAttribute';
export { default as CognitoUserPool } from './CognitoUserPool';
export { default as CognitoUserSession } from './CognitoUserSession';
export { default as CookieStorage } from './CookieStorage';
export { default as DateHelper } from './DateHelper';
export { appendToCognitoUserAgent } from './UserAgent';
export { default as WordArray } from './utils/WordArray';

// The original's index.d.ts declared a UserAgent class that was never exported at runtime;
// exporting it as a type keeps type positions compiling without promising a value.
export type { default as UserAgent } from './UserAgent';
export type {
	NodeCallback,
	UpdateAttributesNodeCallback,
	CodeDeliveryDetails,
	ClientMetadata,
	IAuthenticationCallback,
	IMfaSettings,
	IAuthenticationDetailsData,
	ICognitoStorage,
	ICognitoUserData,
	GetSessionOptions,
	ChallengeName,
	MFAOption,
	UserData,
	ICognitoUserAttributeData,
	ISignUpResult,
	ICognitoUserPoolData,
	ICognitoUserSessionData,
	ICookieStorageData,
	ICognitoError,
	IClientFetchOptions,
	ChallengeParameters,
	OldStyleCallback,
	ResultCallback,
	RevokeCallback,
	UpdateAttributesCallback,
	NewPasswordUserAttributes,
	GetSessionCallback,
	IResultCallbacks,
	IVerificationCodeCallbacks,
	IAssociateSoftwareTokenCallbacks,
	IMfaSelectionCallbacks,
	GetUserDataOptions,
	GetDeviceResult,
	ListDevicesResult,
	CodeDeliveryResult,
	UpdateAttributesResult,
	VerifySoftwareTokenResult,
	CognitoDevice,
	AuthenticationResult,
	AuthChallengeResponse,
	AuthFactorType,
	ChallengeSelectionOptions,
	CognitoErrorCode,
	ConfirmRegistrationOptions,
	MfaPreferenceExtra,
	MfaSettingName,
	UserAuthFactorsResult,
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
} from './types';
