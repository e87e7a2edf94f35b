// The types of choice-based sign-in, one-time codes, email MFA, auth factors and the new
// service errors (not in the original). Re-exported by types.ts, the one place applications
// import types from.
import type { ClientMetadata, IMfaSettings, PasskeyOptions } from './types';

/**
 * The error codes an application may meet: the service's exceptions (including those added
 * since 2024), and the library's own. Open to any other string: an unknown `__type` from the
 * service still arrives as `code` and `name`.
 */
export type CognitoErrorCode =
	| 'AliasExistsException'
	| 'CodeDeliveryFailureException'
	| 'CodeMismatchException'
	| 'ConcurrentModificationException'
	| 'DeviceKeyExistsException'
	| 'EnableSoftwareTokenMFAException'
	| 'ExpiredCodeException'
	| 'ForbiddenException'
	| 'InternalErrorException'
	| 'InvalidEmailRoleAccessPolicyException'
	| 'InvalidLambdaResponseException'
	| 'InvalidParameterException'
	| 'InvalidPasswordException'
	| 'InvalidSmsRoleAccessPolicyException'
	| 'InvalidSmsRoleTrustRelationshipException'
	| 'InvalidUserPoolConfigurationException'
	| 'LimitExceededException'
	| 'MFAMethodNotFoundException'
	| 'NotAuthorizedException'
	| 'OperationNotEnabledException'
	| 'PasswordHistoryPolicyViolationException'
	| 'PasswordResetRequiredException'
	| 'RefreshTokenReuseException'
	| 'ResourceNotFoundException'
	| 'SoftwareTokenMFANotFoundException'
	| 'TooManyFailedAttemptsException'
	| 'TooManyRequestsException'
	| 'UnexpectedLambdaException'
	| 'UnsupportedOperationException'
	| 'UserLambdaValidationException'
	| 'UserNotConfirmedException'
	| 'UserNotFoundException'
	| 'UsernameExistsException'
	| 'WebAuthnChallengeNotFoundException'
	| 'WebAuthnClientMismatchException'
	| 'WebAuthnConfigurationMissingException'
	| 'WebAuthnCredentialNotSupportedException'
	| 'WebAuthnNotEnabledException'
	| 'WebAuthnOriginNotAllowedException'
	| 'WebAuthnRelyingPartyMismatchException'
	// The library's passkey codes (the browser's DOMExceptions, mapped).
	| 'WebAuthnNotSupportedException'
	| 'WebAuthnCancelledException'
	| 'WebAuthnAbortedException'
	| 'WebAuthnCredentialExistsException'
	// The library's own codes.
	| 'CallbackMissingException'
	| 'InvalidResponseException'
	| 'NetworkError'
	| 'RequestTimeoutException'
	// Any other code the service sends; the intersection keeps the names above suggested.
	| (string & Record<never, never>);

/**
 * A first factor of choice-based sign-in (`USER_AUTH`): what `PreferredChallenge` names and
 * what `selectChallenge` offers. Open to values the service may add.
 */
export type AuthFactorType =
	| 'PASSWORD'
	| 'PASSWORD_SRP'
	| 'EMAIL_OTP'
	| 'SMS_OTP'
	| 'WEB_AUTHN'
	| (string & Record<never, never>);

/** The MFA methods GetUser and GetUserAuthFactors list; open to values the service may add. */
export type MfaSettingName =
	'SMS_MFA' | 'SOFTWARE_TOKEN_MFA' | 'EMAIL_OTP' | (string & Record<never, never>);

/** Options of `sendChallengeSelection`. */
export interface ChallengeSelectionOptions {
	/** Required with `PASSWORD` and `PASSWORD_SRP`: sent in the same call, no extra round trip. */
	password?: string;
	/** Forwarded to the pool's Lambda triggers. */
	clientMetadata?: ClientMetadata;
	/** With `WEB_AUTHN`: how the library runs the browser's passkey request. */
	passkey?: PasskeyOptions;
}

/** The 4th argument of `setUserMfaPreference`: settings the original had no place for. */
export interface MfaPreferenceExtra {
	/** Email MFA; sent as `EmailMfaSettings` when given. */
	email?: IMfaSettings | null;
	/** Passkey as MFA; sent as `WebAuthnMfaSettings` when given (it has no `PreferredMfa`). */
	webAuthn?: { Enabled: boolean } | null;
}

/** Reply of GetUserAuthFactors. */
export interface UserAuthFactorsResult {
	/** The username the service knows the user by. */
	Username: string;
	/** The preferred MFA method, if one is set. */
	PreferredMfaSetting?: MfaSettingName;
	/** The MFA methods the user has enabled. */
	UserMFASettingList?: MfaSettingName[];
	/** The factors the user can sign in or verify with, e.g. PASSWORD, EMAIL_OTP, SOFTWARE_TOKEN. */
	ConfiguredUserAuthFactors?: (AuthFactorType | 'SOFTWARE_TOKEN')[];
}

/** The 5th argument of `confirmRegistration`. */
export interface ConfirmRegistrationOptions {
	/** The Session `signUp` returned, when confirming on another page than the sign-up. */
	session?: string;
}
