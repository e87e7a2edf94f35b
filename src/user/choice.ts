// Choice-based sign-in (USER_AUTH) and the answers only it and email MFA need: the choice of a
// first factor (SELECT_CHALLENGE), one-time codes (EMAIL_OTP, SMS_OTP) and setting up email
// MFA. Every reply goes to the state machine in signIn.ts; the SRP legs are srp.ts's.
import type AuthenticationDetails from '../AuthenticationDetails';
import type AuthenticationHelper from '../AuthenticationHelper';
import type CognitoUser from '../CognitoUser';
import type {
	AuthChallengeResponse,
	ChallengeSelectionOptions,
	ClientMetadata,
	IAuthenticationCallback,
	PasskeyOptions,
} from '../types';
import { callMember } from '../utils/callbacks';
import { addCachedDeviceKey, completeBody } from './requests';
import type { Body } from './requests';
import { respondAndAuthenticate, respondToChallenge } from './signIn';
import { answerPasswordVerifier, authFlowMetadata, withUserSrpA } from './srp';

/** The key each one-time-code challenge takes its code under. */
export const OTP_CODE_KEYS: ReadonlyMap<string, string> = new Map([
	['EMAIL_OTP', 'EMAIL_OTP_CODE'],
	['SMS_OTP', 'SMS_OTP_CODE'],
]);

/** The password-based choices, which need the password in the same request. */
const PASSWORD_CHOICES: readonly string[] = ['PASSWORD', 'PASSWORD_SRP'];

type Fail = (err: Error) => void;

/**
 * Continues with a reply: PASSWORD_VERIFIER (after PASSWORD_SRP) is answered with the
 * password; anything else is an authentication reply for the state machine.
 */
function continueWith(
	user: CognitoUser,
	reply: AuthChallengeResponse,
	srp: { helper: AuthenticationHelper; password: string } | undefined,
	clientMetadata: unknown,
	callback: IAuthenticationCallback,
): void {
	if (srp && reply.ChallengeName === 'PASSWORD_VERIFIER') {
		return answerPasswordVerifier(user, srp.helper, reply, srp.password, clientMetadata, callback);
	}
	user.authenticateUserInternal(reply, srp?.helper ?? null, callback);
}

/**
 * Adds what the chosen factor needs to `parameters`: PASSWORD, or SRP_A (computed here), then
 * hands on the SRP state for the PASSWORD_VERIFIER that follows. No password for a password
 * choice fails at once, sending nothing.
 */
function withFactor(
	user: CognitoUser,
	factor: string | undefined,
	password: string | undefined,
	parameters: Body,
	fail: Fail,
	next: (srp?: { helper: AuthenticationHelper; password: string }) => void,
): void {
	if (factor === undefined || !PASSWORD_CHOICES.includes(factor)) return next();
	if (!password) return fail(new Error(`The ${factor} choice needs the password.`));
	if (factor === 'PASSWORD') {
		parameters.PASSWORD = password;
		return next();
	}
	withUserSrpA(user, fail, (helper, srpA) => {
		parameters.SRP_A = srpA;
		next({ helper, password });
	});
}

/** Keeps how a WEB_AUTHN challenge of this sign-in runs the browser; a field only when given. */
function keepPasskeyOptions(user: CognitoUser, options: PasskeyOptions | undefined): void {
	if (options === undefined) delete user.passkeyOptions;
	else user.passkeyOptions = options;
}

/**
 * InitiateAuth USER_AUTH with the details' preferred first factor (if any), the password or
 * SRP_A it needs, and the Session of a passwordless sign-up: the details', else the one this
 * user object kept from `signUp` / `confirmRegistration`.
 */
export function startUserAuth(
	user: CognitoUser,
	authDetails: AuthenticationDetails,
	callback: IAuthenticationCallback,
): void {
	const fail: Fail = (err) => callMember(callback, 'onFailure', err);
	keepPasskeyOptions(user, authDetails.passkeyOptions);
	const preferred = authDetails.getPreferredChallenge();
	const authParameters: Body = { USERNAME: user.username };
	if (preferred !== undefined) authParameters.PREFERRED_CHALLENGE = preferred;
	withFactor(user, preferred, authDetails.getPassword(), authParameters, fail, (srp) => {
		addCachedDeviceKey(user, authParameters);
		const clientMetadata = authFlowMetadata(authDetails);
		const body: Body = {
			AuthFlow: 'USER_AUTH',
			ClientId: user.pool.getClientId(),
			AuthParameters: authParameters,
		};
		const session = authDetails.getSession() ?? user.signUpSession;
		if (session) body.Session = session;
		body.ClientMetadata = clientMetadata;
		const request = completeBody(user, body);
		user.client.request<AuthChallengeResponse>('InitiateAuth', request, (err, data) => {
			if (err) return fail(err);
			// The sign-up Session is spent once a sign-in has used it.
			user.signUpSession = undefined;
			continueWith(user, data ?? {}, srp, clientMetadata, callback);
		});
	});
}

/**
 * Answers SELECT_CHALLENGE with the chosen first factor; a password choice carries the
 * password (PASSWORD) or SRP_A (PASSWORD_SRP) in the same request.
 */
export function answerSelection(
	user: CognitoUser,
	answer: string,
	callback: IAuthenticationCallback,
	options: ChallengeSelectionOptions | undefined,
): void {
	const fail: Fail = (err) => callMember(callback, 'onFailure', err);
	if (typeof answer !== 'string' || !answer) {
		return fail(new Error('sendChallengeSelection needs the chosen challenge.'));
	}
	keepPasskeyOptions(user, options?.passkey);
	const responses: Body = { USERNAME: user.username, ANSWER: answer };
	withFactor(user, answer, options?.password, responses, fail, (srp) => {
		addCachedDeviceKey(user, responses);
		const clientMetadata = options?.clientMetadata;
		const request = {
			ChallengeName: 'SELECT_CHALLENGE',
			ClientId: user.pool.getClientId(),
			ChallengeResponses: responses,
			Session: user.Session,
			ClientMetadata: clientMetadata,
		};
		respondToChallenge(user, request, callback, (reply) =>
			continueWith(user, reply, srp, clientMetadata, callback),
		);
	});
}

/**
 * Answers an EMAIL_OTP or SMS_OTP challenge with the code, under that challenge's key. The
 * reply is an authentication reply: tokens, a new device, device SRP or a further challenge.
 */
export function answerOtp(
	user: CognitoUser,
	challengeName: string | undefined,
	code: string,
	callback: IAuthenticationCallback,
	clientMetadata: ClientMetadata,
): void {
	const key = challengeName === undefined ? undefined : OTP_CODE_KEYS.get(challengeName);
	if (key === undefined) {
		const message = 'No EMAIL_OTP or SMS_OTP challenge is waiting for a code.';
		return callMember(callback, 'onFailure', new Error(message));
	}
	const responses: Body = { USERNAME: user.username, [key]: code };
	addCachedDeviceKey(user, responses);
	const request = {
		ChallengeName: challengeName,
		ChallengeResponses: responses,
		ClientId: user.pool.getClientId(),
		Session: user.Session,
		ClientMetadata: clientMetadata,
	};
	respondAndAuthenticate(user, request, callback, null);
}

/** Answers MFA_SETUP with an email address; the service replies with an EMAIL_OTP challenge. */
export function answerEmailSetup(
	user: CognitoUser,
	email: string,
	callback: IAuthenticationCallback,
	clientMetadata: ClientMetadata,
): void {
	if (typeof email !== 'string' || !email) {
		return callMember(callback, 'onFailure', new Error('setupEmailMfa needs an email address.'));
	}
	const request = {
		ChallengeName: 'MFA_SETUP',
		ClientId: user.pool.getClientId(),
		ChallengeResponses: { USERNAME: user.username, EMAIL: email },
		Session: user.Session,
		ClientMetadata: clientMetadata,
	};
	respondAndAuthenticate(user, request, callback, null);
}
