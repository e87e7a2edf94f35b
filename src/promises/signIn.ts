// Sign-in as steps: each callback of IAuthenticationCallback becomes one kind of step that
// carries what the application shows and the function that answers it, so a `switch` over
// `step.kind` replaces the callbacks object and the compiler sees every kind.
import type AuthenticationDetails from '../AuthenticationDetails';
import type CognitoUser from '../CognitoUser';
import type CognitoUserSession from '../CognitoUserSession';
import type {
	AuthenticationResponseJSON,
	AuthFactorType,
	ChallengeParameters,
	ClientMetadata,
	IAuthenticationCallback,
	NewPasswordUserAttributes,
	PublicKeyCredentialRequestOptionsJSON,
} from '../types';
import type { Outcome } from '../utils/callbacks';
import { run } from './run';
import type { CallOptions } from './run';

/** Options of an answer: the call's signal and the metadata for the pool's Lambda triggers. */
export interface AnswerOptions extends CallOptions {
	/** Forwarded to the pool's Lambda triggers. */
	clientMetadata?: ClientMetadata;
}

/** Signed in. */
export interface SignedInStep {
	/** Which step this is: the key of an exhaustive `switch`. */
	kind: 'signedIn';
	/** The new session, already cached in the user's storage. */
	session: CognitoUserSession;
	/** `true` when the device was remembered and waits for `setDeviceStatusRemembered`. */
	userConfirmationNecessary: boolean;
}

/** NEW_PASSWORD_REQUIRED: the user must choose a password (and give required attributes). */
export interface NewPasswordStep {
	/** Which step this is: the key of an exhaustive `switch`. */
	kind: 'newPasswordRequired';
	/** The user's attributes, for a form the user may correct. */
	userAttributes: NewPasswordUserAttributes;
	/** The names of the attributes the new-password answer must carry. */
	requiredAttributes: string[];
	/** Sends the new password and the required attributes (names without a prefix). */
	answer(
		newPassword: string,
		attributes?: Record<string, string>,
		options?: AnswerOptions,
	): Promise<SignInStep>;
}

/** A code the user received or reads from an app. */
export interface CodeStep<K extends string> {
	/** Which step this is: the key of an exhaustive `switch`. */
	kind: K;
	/** The challenge as the service named it, e.g. `SMS_MFA` or `SMS_OTP`. */
	challengeName: string;
	/** The masked destination, when the code was sent (`CODE_DELIVERY_DESTINATION`). */
	destination?: string;
	/** Everything the service sent with the challenge. */
	challengeParameters: ChallengeParameters;
	/** Sends the code. */
	answer(code: string, options?: AnswerOptions): Promise<SignInStep>;
}

/** SMS_MFA or SMS_OTP: a code was texted. */
export type SmsCodeStep = CodeStep<'smsCode'>;
/** SOFTWARE_TOKEN_MFA: the code of the user's authenticator app. */
export type TotpCodeStep = CodeStep<'totpCode'>;
/** EMAIL_OTP, a first factor or email MFA: a code was emailed. */
export type EmailCodeStep = CodeStep<'emailCode'>;

/** SELECT_MFA_TYPE: the user chooses the MFA method of this sign-in. */
export interface MfaSelectionStep {
	/** Which step this is: the key of an exhaustive `switch`. */
	kind: 'mfaSelection';
	/** The methods offered (`MFAS_CAN_CHOOSE`), e.g. `SMS_MFA`, `SOFTWARE_TOKEN_MFA`. */
	options: string[];
	/** Chooses one; the next step asks for its code. */
	answer(method: string, options?: CallOptions): Promise<SignInStep>;
}

/** MFA_SETUP: the user must set up MFA before signing in. */
export interface MfaSetupStep {
	/** Which step this is: the key of an exhaustive `switch`. */
	kind: 'mfaSetup';
	/** The methods that may be set up (`MFAS_CAN_SETUP`). */
	options: string[];
	/** The TOTP secret for an authenticator app (show it as a QR code); absent when TOTP is not offered. */
	secretCode?: string;
	/** Verifies a code of the authenticator app that was given `secretCode`. */
	answerTotp(code: string, deviceName?: string, options?: CallOptions): Promise<SignInStep>;
	/** Sets up email MFA with this address; the next step asks for the emailed code. */
	answerEmail(email: string, options?: AnswerOptions): Promise<SignInStep>;
}

/** CUSTOM_CHALLENGE: the pool's Lambda triggers ask a question of their own. */
export interface CustomChallengeStep {
	/** Which step this is: the key of an exhaustive `switch`. */
	kind: 'customChallenge';
	/** What the define/create challenge triggers sent. */
	challengeParameters: ChallengeParameters;
	/** Sends the answer. */
	answer(answer: string, options?: AnswerOptions): Promise<SignInStep>;
}

/** SELECT_CHALLENGE (USER_AUTH): the user chooses the first factor. */
export interface FactorSelectionStep {
	/** Which step this is: the key of an exhaustive `switch`. */
	kind: 'factorSelection';
	/** The factors offered, e.g. `PASSWORD_SRP`, `EMAIL_OTP`, `WEB_AUTHN`. */
	availableChallenges: AuthFactorType[];
	/** Chooses one; `PASSWORD` and `PASSWORD_SRP` need the password. */
	answer(
		factor: AuthFactorType,
		options?: AnswerOptions & { password?: string },
	): Promise<SignInStep>;
}

/**
 * WEB_AUTHN: a passkey is asked for. The app runs the authenticator with the request options
 * (`navigator.credentials.get`, or a library such as \@simplewebauthn/browser) and answers with
 * the credential as JSON.
 */
export interface PasskeyStep {
	/** Which step this is: the key of an exhaustive `switch`. */
	kind: 'passkey';
	/** `CREDENTIAL_REQUEST_OPTIONS` parsed: the options for the authenticator. */
	credentialRequestOptions: PublicKeyCredentialRequestOptionsJSON;
	/** Everything the service sent with the challenge. */
	challengeParameters: ChallengeParameters;
	/** Sends the authenticator's AuthenticationResponseJSON (`sendWebAuthnCredential`). */
	answer(
		credential: AuthenticationResponseJSON | string,
		options?: AnswerOptions,
	): Promise<SignInStep>;
}

/** Where a sign-in stands: signed in, or the challenge to answer next. */
export type SignInStep =
	| SignedInStep
	| NewPasswordStep
	| SmsCodeStep
	| TotpCodeStep
	| EmailCodeStep
	| MfaSelectionStep
	| MfaSetupStep
	| CustomChallengeStep
	| FactorSelectionStep
	| PasskeyStep;

/** The kinds of step, for a `switch` that must handle each. */
export type SignInStepKind = SignInStep['kind'];

/** A JSON array of strings in a challenge parameter, or `[]`. */
function stringList(text: string | undefined): string[] {
	if (!text) return [];
	try {
		const parsed: unknown = JSON.parse(text);
		return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
	} catch {
		return [];
	}
}

/** Runs one answer of the sign-in in progress: `send` calls the callback method. */
function answering(
	user: CognitoUser,
	options: CallOptions | undefined,
	send: (callbacks: IAuthenticationCallback) => void,
): Promise<SignInStep> {
	return run<SignInStep>(user, options, (outcome) => send(stepCallbacks(user, outcome)));
}

function codeStep<K extends string>(
	user: CognitoUser,
	kind: K,
	challengeName: string,
	challengeParameters: ChallengeParameters,
	send: (code: string, callbacks: IAuthenticationCallback, metadata?: ClientMetadata) => void,
): CodeStep<K> {
	return {
		kind,
		challengeName,
		destination: challengeParameters.CODE_DELIVERY_DESTINATION,
		challengeParameters,
		answer: (code, options) =>
			answering(user, options, (callbacks) => send(code, callbacks, options?.clientMetadata)),
	};
}

/** The MFA_SETUP step: the TOTP secret is asked for first when TOTP may be set up. */
function mfaSetupStep(
	user: CognitoUser,
	challengeParameters: ChallengeParameters,
	outcome: Outcome<SignInStep>,
): void {
	const options = stringList(challengeParameters.MFAS_CAN_SETUP);
	const step: MfaSetupStep = {
		kind: 'mfaSetup',
		options,
		answerTotp: (code, deviceName, callOptions) =>
			run<SignInStep>(user, callOptions, (next) =>
				user.verifySoftwareToken(code, deviceName ?? '', {
					onSuccess: (result) =>
						'isValid' in result
							? next.succeed({
									kind: 'signedIn',
									session: result,
									userConfirmationNecessary: false,
								})
							: next.fail(new Error('Verifying the TOTP code did not complete the sign-in.')),
					onFailure: next.fail,
				}),
			),
		answerEmail: (email, callOptions) =>
			answering(user, callOptions, (callbacks) =>
				user.setupEmailMfa(email, callbacks, callOptions?.clientMetadata),
			),
	};
	if (!options.includes('SOFTWARE_TOKEN_MFA')) return outcome.succeed(step);
	user.associateSoftwareToken({
		associateSecretCode: (secretCode) => outcome.succeed({ ...step, secretCode }),
		onFailure: outcome.fail,
	});
}

/** The callbacks object through which one request of a sign-in reports its step. */
function stepCallbacks(user: CognitoUser, outcome: Outcome<SignInStep>): IAuthenticationCallback {
	const sendMfa =
		(type: string) =>
		(code: string, callbacks: IAuthenticationCallback, metadata?: ClientMetadata): void =>
			user.sendMFACode(code, callbacks, type, metadata);
	const sendOtp = (code: string, callbacks: IAuthenticationCallback, metadata?: ClientMetadata) =>
		user.sendOtpCode(code, callbacks, metadata);
	return {
		onSuccess: (session, userConfirmationNecessary) =>
			outcome.succeed({
				kind: 'signedIn',
				session,
				userConfirmationNecessary: userConfirmationNecessary === true,
			}),
		onFailure: outcome.fail,
		newPasswordRequired: (userAttributes, requiredAttributes) =>
			outcome.succeed({
				kind: 'newPasswordRequired',
				userAttributes,
				requiredAttributes,
				answer: (newPassword, attributes, options) =>
					answering(user, options, (callbacks) =>
						user.completeNewPasswordChallenge(
							newPassword,
							attributes ?? {},
							callbacks,
							options?.clientMetadata,
						),
					),
			}),
		mfaRequired: (name, parameters) =>
			outcome.succeed(codeStep(user, 'smsCode', name, parameters, sendMfa('SMS_MFA'))),
		totpRequired: (name, parameters) =>
			outcome.succeed(codeStep(user, 'totpCode', name, parameters, sendMfa('SOFTWARE_TOKEN_MFA'))),
		emailOtpRequired: (name, parameters) =>
			outcome.succeed(codeStep(user, 'emailCode', name, parameters, sendOtp)),
		smsOtpRequired: (name, parameters) =>
			outcome.succeed(codeStep(user, 'smsCode', name, parameters, sendOtp)),
		customChallenge: (parameters) =>
			outcome.succeed({
				kind: 'customChallenge',
				challengeParameters: parameters,
				answer: (answer, options) =>
					answering(user, options, (callbacks) =>
						user.sendCustomChallengeAnswer(answer, callbacks, options?.clientMetadata),
					),
			}),
		selectMFAType: (_name, parameters) =>
			outcome.succeed({
				kind: 'mfaSelection',
				options: stringList(parameters.MFAS_CAN_CHOOSE),
				answer: (method, options) =>
					answering(user, options, (callbacks) => user.sendMFASelectionAnswer(method, callbacks)),
			}),
		mfaSetup: (_name, parameters) => mfaSetupStep(user, parameters, outcome),
		selectChallenge: (availableChallenges) =>
			outcome.succeed({
				kind: 'factorSelection',
				availableChallenges,
				answer: (factor, options) =>
					answering(user, options, (callbacks) =>
						user.sendChallengeSelection(factor, callbacks, {
							password: options?.password,
							clientMetadata: options?.clientMetadata,
						}),
					),
			}),
		webAuthnRequired: (_name, parameters, requestOptions) =>
			outcome.succeed({
				kind: 'passkey',
				credentialRequestOptions: requestOptions,
				challengeParameters: parameters,
				answer: (credential, options) =>
					answering(user, options, (callbacks) =>
						user.sendWebAuthnCredential(credential, callbacks, options?.clientMetadata),
					),
			}),
	};
}

/**
 * Starts a sign-in with the flow the user is set to (`setAuthenticationFlowType`: SRP by
 * default, `USER_PASSWORD_AUTH`, `CUSTOM_AUTH`, `USER_AUTH`), as `authenticateUser` does.
 * Resolves to the first step; rejects with the error `onFailure` would get.
 */
export function signIn(
	user: CognitoUser,
	details: AuthenticationDetails,
	options?: CallOptions,
): Promise<SignInStep> {
	return answering(user, options, (callbacks) => user.authenticateUser(details, callbacks));
}

/** `initiateAuth`: CUSTOM_AUTH without SRP first; resolves to the first step. */
export function signInWithCustomAuth(
	user: CognitoUser,
	details: AuthenticationDetails,
	options?: CallOptions,
): Promise<SignInStep> {
	return answering(user, options, (callbacks) => user.initiateAuth(details, callbacks));
}
