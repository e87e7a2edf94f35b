// The sign-in state machine. Every reply of InitiateAuth and RespondToAuthChallenge is routed
// here: a challenge goes to the row of CHALLENGES that handles it (a callback of the
// application, or the next step of the library), tokens end the sign-in. Which challenges a
// reply may bring, and what its tokens lead to, depends on the request it answers: that is a
// STEP. A new challenge is one row in CHALLENGES; the steps that can receive it list it.
import AuthenticationHelper from '../AuthenticationHelper';
import { createCognitoError } from '../Client';
import type CognitoUser from '../CognitoUser';
import type CognitoUserSession from '../CognitoUserSession';
import type {
	AuthChallengeResponse,
	ChallengeName,
	ChallengeParameters,
	IAuthenticationCallback,
	NewPasswordUserAttributes,
	PublicKeyCredentialRequestOptionsJSON,
} from '../types';
import { attempt, callMember, outsidePromise } from '../utils/callbacks';
import { browserPasskeys, getPasskey, passkeysNotSupported } from '../utils/passkeyBrowser';
import { confirmNewDevice } from './newDevice';
import { completeBody, invalidResponse, isJsonObject } from './requests';
import type { Body } from './requests';

/** The callbacks a step reports to; the tokens-only steps need just these two. */
type Callbacks = Pick<IAuthenticationCallback, 'onSuccess' | 'onFailure'> &
	Partial<IAuthenticationCallback>;

/** Handles a reply that asks for one challenge. */
type ChallengeHandler = (
	user: CognitoUser,
	reply: AuthChallengeResponse,
	callback: IAuthenticationCallback,
	helper: AuthenticationHelper | null | undefined,
) => void;

/** The callbacks told `(challengeName, challengeParameters)` to ask the user for something. */
type AskingCallback =
	| 'mfaRequired'
	| 'totpRequired'
	| 'selectMFAType'
	| 'mfaSetup'
	| 'emailOtpRequired'
	| 'smsOtpRequired';

const parametersOf = (reply: AuthChallengeResponse): ChallengeParameters =>
	reply.ChallengeParameters as ChallengeParameters;

/**
 * Whether the application supplied `member`; if not, fails with an error that names it. Apps
 * written for the original know none of the new challenges' callbacks, and the original
 * cached empty tokens there: a clear failure leaves storage untouched.
 */
function hasCallback(
	callback: IAuthenticationCallback | undefined,
	member: keyof IAuthenticationCallback,
	challengeName: string | undefined,
): boolean {
	if (typeof callback?.[member] === 'function') return true;
	// No callbacks at all (README use case 23 answers without them): nobody to tell.
	if (callback == null) return false;
	const message = `${String(challengeName)} challenge received but no ${member} callback was given`;
	callMember(callback, 'onFailure', createCognitoError(message, 'CallbackMissingException'));
	return false;
}

/** A row that hands the challenge to the application as `(challengeName, parameters)`. */
const askFor =
	(member: AskingCallback): ChallengeHandler =>
	(_user, reply, callback) => {
		const name = reply.ChallengeName as ChallengeName;
		if (hasCallback(callback, member, name)) {
			callMember(callback, member, name, parametersOf(reply));
		}
	};

/**
 * A one-time code row: the challenge is remembered, so that `sendOtpCode` answers it under
 * the right key, then handed to the application.
 */
const askForCode =
	(member: 'emailOtpRequired' | 'smsOtpRequired'): ChallengeHandler =>
	(user, reply, callback, helper) => {
		user.pendingOtpChallenge = reply.ChallengeName;
		askFor(member)(user, reply, callback, helper);
	};

/** SELECT_CHALLENGE: the choices are the reply's top-level AvailableChallenges. */
const askForSelection: ChallengeHandler = (_user, reply, callback) => {
	if (!hasCallback(callback, 'selectChallenge', reply.ChallengeName)) return;
	callMember(callback, 'selectChallenge', reply.AvailableChallenges ?? [], parametersOf(reply));
};

/**
 * NEW_PASSWORD_REQUIRED: the attributes and the required attribute names, stripped of the
 * prefix the AuthenticationHelper names (as the original asks it).
 */
const askForNewPassword: ChallengeHandler = (user, reply, callback, given) => {
	const fail = (err: Error): void => callMember(callback, 'onFailure', err);
	const params = reply.ChallengeParameters;
	const parsed = attempt(() => {
		const prefix = helperFor(user, given).getNewPasswordRequiredChallengeUserAttributePrefix();
		if (!params) return { userAttributes: null, requiredAttributes: [] };
		const raw = JSON.parse(params.requiredAttributes as string) as string[] | null;
		return {
			userAttributes: JSON.parse(params.userAttributes as string) as NewPasswordUserAttributes,
			requiredAttributes: (raw ?? []).map((name) => String(name).slice(prefix.length)),
		};
	}, fail);
	if (!parsed) return;
	const { userAttributes, requiredAttributes } = parsed.value;
	callMember(
		callback,
		'newPasswordRequired',
		userAttributes as NewPasswordUserAttributes,
		requiredAttributes,
	);
};

/**
 * WEB_AUTHN. With `webAuthnRequired` the application gets the challenge and the parsed request
 * options and answers with `sendWebAuthnCredential`; without it, in a browser, the library runs
 * `credentials.get` (with the sign-in's PasskeyOptions) and answers itself; elsewhere the
 * sign-in fails with WebAuthnNotSupportedException.
 */
const askForPasskey: ChallengeHandler = (user, reply, callback) => {
	const fail = (err: Error): void => callMember(callback, 'onFailure', err);
	const parameters = parametersOf(reply) ?? {};
	const invalid = 'The WEB_AUTHN challenge has no valid CREDENTIAL_REQUEST_OPTIONS.';
	const parsed = attempt(
		() => {
			const options = JSON.parse(parameters.CREDENTIAL_REQUEST_OPTIONS ?? '') as unknown;
			if (!isJsonObject(options) || typeof options.challenge !== 'string') throw new Error();
			return options as PublicKeyCredentialRequestOptionsJSON;
		},
		() => fail(invalidResponse(invalid)),
	);
	if (!parsed) return;
	if (typeof callback?.webAuthnRequired === 'function') {
		const name = reply.ChallengeName as ChallengeName;
		return callback.webAuthnRequired(name, { ...parameters }, parsed.value);
	}
	const browser = browserPasskeys();
	if (!browser) {
		const detail = 'supply webAuthnRequired and answer with sendWebAuthnCredential.';
		return fail(passkeysNotSupported(detail));
	}
	getPasskey(browser, parsed.value, user.passkeyOptions).then(
		(credential) => outsidePromise(() => user.sendWebAuthnCredential(credential, callback)),
		(failure: Error) => outsidePromise(() => fail(failure)),
	);
};

/**
 * The challenges, by the name the service gives them. Each row says where the challenge goes:
 * to an application callback, or, for DEVICE_SRP_AUTH, on to the device login.
 */
const CHALLENGES: { readonly [name: string]: ChallengeHandler } = {
	SMS_MFA: askFor('mfaRequired'),
	SOFTWARE_TOKEN_MFA: askFor('totpRequired'),
	SELECT_MFA_TYPE: askFor('selectMFAType'),
	MFA_SETUP: askFor('mfaSetup'),
	CUSTOM_CHALLENGE: (_user, reply, callback) =>
		callMember(callback, 'customChallenge', parametersOf(reply)),
	NEW_PASSWORD_REQUIRED: askForNewPassword,
	DEVICE_SRP_AUTH: (user, _reply, callback) => user.getDeviceResponse(callback),
	SELECT_CHALLENGE: askForSelection,
	EMAIL_OTP: askForCode('emailOtpRequired'),
	SMS_OTP: askForCode('smsOtpRequired'),
	WEB_AUTHN: askForPasskey,
};

/** What a request's reply may bring and what its tokens lead to. */
interface Step {
	/** The challenges this reply may ask for; any other reply must carry tokens. */
	readonly challenges: readonly string[];
	/**
	 * Whether the reply's Session replaces `user.Session` before the challenge is handed on,
	 * so that the answer continues the same service session. The original skips this in one
	 * place (see `mfaCode`), which the service tolerates; kept for identical wire traffic.
	 */
	readonly adoptsSession: boolean;
	/** Whether tokens are followed by ConfirmDevice when the reply names a new device. */
	readonly confirmsNewDevice: boolean;
	/** Whether the challenge name of a tokens reply is recorded in `user.challengeName`. */
	readonly recordsChallengeName: boolean;
	/**
	 * Whether a reply without AuthenticationResult still signs in (with a session of empty
	 * tokens, as the original builds one). Only where the original's callers rely on it:
	 * the service always sends tokens there, and applications' test doubles answer `{}`.
	 */
	readonly tokensOptional: boolean;
}

const step = (challenges: readonly string[], options: Partial<Step> = {}): Step => ({
	challenges,
	adoptsSession: true,
	confirmsNewDevice: false,
	recordsChallengeName: false,
	tokensOptional: false,
	...options,
});

/** The requests whose replies are routed here. */
export const STEPS = {
	/** InitiateAuth of `initiateAuth` (CUSTOM_AUTH without SRP): only a custom challenge. */
	initiateAuth: step(['CUSTOM_CHALLENGE']),
	/** Any reply of a login (`authenticateUserInternal`): every challenge, and a new device. */
	authenticate: step(Object.keys(CHALLENGES), {
		confirmsNewDevice: true,
		recordsChallengeName: true,
	}),
	/**
	 * `sendMFACode`: only device SRP may follow. As in the original, the challenge Session is
	 * not updated before the device login starts.
	 */
	mfaCode: step(['DEVICE_SRP_AUTH'], { adoptsSession: false, confirmsNewDevice: true }),
	/** DEVICE_PASSWORD_VERIFIER, the last leg of the device login: tokens only. */
	devicePassword: step([]),
	/** MFA_SETUP answered after `verifySoftwareToken`: tokens, as the original takes them. */
	mfaSetup: step([], { tokensOptional: true }),
} satisfies { [name: string]: Step };

/**
 * The MFA types `sendMFASelectionAnswer` can choose. The reply goes to the chosen type's row,
 * with the challenge the reply names, as the original routes it.
 */
const SELECTABLE_MFA: readonly string[] = ['SMS_MFA', 'SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'];

/** Routes a reply of `step`: a challenge to its row, tokens to the end of the sign-in. */
export function routeReply(
	user: CognitoUser,
	reply: AuthChallengeResponse,
	current: Step,
	callback: Callbacks,
	helper?: AuthenticationHelper | null,
): void {
	const name = reply.ChallengeName;
	const handler =
		name !== undefined && current.challenges.includes(name) ? CHALLENGES[name] : undefined;
	if (handler) {
		if (current.adoptsSession) user.Session = reply.Session;
		return handler(user, reply, callback, helper);
	}
	const session = adoptTokens(user, reply, current, callback);
	if (!session) return;
	if (current.recordsChallengeName) user.challengeName = name as ChallengeName | undefined;
	const newDevice = reply.AuthenticationResult?.NewDeviceMetadata;
	if (!current.confirmsNewDevice || newDevice == null) {
		return callMember(callback, 'onSuccess', session);
	}
	const created = attempt(
		() => helperFor(user, helper),
		(err) => callMember(callback, 'onFailure', err),
	);
	if (created) confirmNewDevice(user, newDevice, session, created.value, callback);
}

/**
 * The reply to SELECT_MFA_TYPE goes to the callback of the chosen type, with the challenge the
 * reply names. Any other answer fails through `onFailure` (the original never called back).
 */
export function routeSelection(
	user: CognitoUser,
	answer: string,
	reply: AuthChallengeResponse,
	callback: Callbacks,
): void {
	// Unlike sendMFACode's reply, this one always replaces the Session, as in the original.
	user.Session = reply.Session;
	const row = SELECTABLE_MFA.includes(answer) ? CHALLENGES[answer] : undefined;
	if (row) return row(user, reply, callback, null);
	callMember(
		callback,
		'onFailure',
		new Error(
			`Unsupported MFA selection answer: ${String(answer)}; expected SMS_MFA, SOFTWARE_TOKEN_MFA or EMAIL_OTP.`,
		),
	);
}

/**
 * Builds the session from the reply's AuthenticationResult through the user's
 * `getCognitoUserSession`, adopts it and caches it through `cacheTokens`. A reply without one
 * fails (the original took an empty body as success), unless the step says otherwise and the
 * reply names no challenge.
 */
export function adoptTokens(
	user: CognitoUser,
	reply: AuthChallengeResponse,
	current: Pick<Step, 'tokensOptional'>,
	callback: Pick<IAuthenticationCallback, 'onFailure'>,
): CognitoUserSession | undefined {
	// A challenge this step cannot route is never a sign-in, even where an empty reply is one.
	const unrouted = reply.ChallengeName !== undefined;
	if (reply.AuthenticationResult == null && (!current.tokensOptional || unrouted)) {
		const missing = invalidResponse(
			unrouted
				? `The service asked for ${String(reply.ChallengeName)}, which cannot follow here.`
				: 'The service replied without an AuthenticationResult.',
		);
		callMember(callback, 'onFailure', missing);
		return undefined;
	}
	user.signInUserSession = user.getCognitoUserSession(reply.AuthenticationResult);
	user.cacheTokens();
	return user.signInUserSession;
}

/**
 * Sends RespondToAuthChallenge, completed with UserContextData and the secret hash, and hands
 * the reply to `next`; an error goes to `onFailure`.
 */
export function respondToChallenge(
	user: CognitoUser,
	request: Body,
	callback: Pick<IAuthenticationCallback, 'onFailure'>,
	next: (reply: AuthChallengeResponse) => void,
): void {
	user.client.request<AuthChallengeResponse>(
		'RespondToAuthChallenge',
		completeBody(user, request),
		(err, data) => {
			if (err) return callMember(callback, 'onFailure', err);
			next(data ?? {});
		},
	);
}

/**
 * Answers a login challenge: `respondToChallenge`, whose reply goes on to
 * `user.authenticateUserInternal` with `helper`, as every such answer did in the original.
 */
export function respondAndAuthenticate(
	user: CognitoUser,
	request: Body,
	callback: IAuthenticationCallback,
	helper: AuthenticationHelper | null,
): void {
	respondToChallenge(user, request, callback, (reply) =>
		user.authenticateUserInternal(reply, helper, callback),
	);
}

/**
 * The helper the flow already has, or a new one for the pool. Creating one draws its secret at
 * once, which throws without a secure random source; callers run this inside `attempt`.
 */
export function helperFor(
	user: CognitoUser,
	given: AuthenticationHelper | null | undefined,
): AuthenticationHelper {
	return given ?? new AuthenticationHelper(user.pool.getUserPoolName());
}
