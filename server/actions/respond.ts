import { MSG, ServiceError, err, invalidParameter, notAuthorized } from '../errors';
import {
	type Login,
	afterPassword,
	challengeRequest,
	customNext,
	decoyUser,
	enabledMfa,
	mfaChallenge,
	srpChallenge,
	srpPoolName,
	startMfa,
} from '../flow';
import { confirmedDevice, deviceSaltHex, deviceVerifierHex, findConfirmedDevice } from '../devices';
import { triggersFor } from '../customAuth';
import { type Service, signInKey } from '../service';
import type { AuthSession } from '../sessions';
import { own } from '../state';
import { TIMESTAMP_RE, claimSignature, serverKey, signatureMatches } from '../srp';
import { sameSecret } from '../compare';
import { useTotp } from '../totp';
import { type Json, optString, optStringMap, reqParam, reqString } from '../validate';
import { otpAnswer, otpChallenge } from '../otp';
import { chooseFactor } from '../userAuth';
import { passkeyAnswer } from '../webauthn';
import { applyAttributes, checkAliasFree } from './attributes';
import { parseA } from './initiateAuth';
import { emailMfaConfigured } from './poolConfig';

const CHALLENGES = [
	'SMS_MFA',
	'SOFTWARE_TOKEN_MFA',
	'SELECT_MFA_TYPE',
	'MFA_SETUP',
	'PASSWORD_VERIFIER',
	'CUSTOM_CHALLENGE',
	'DEVICE_SRP_AUTH',
	'DEVICE_PASSWORD_VERIFIER',
	'ADMIN_NO_SRP_AUTH',
	'NEW_PASSWORD_REQUIRED',
	'SELECT_CHALLENGE',
	'EMAIL_OTP',
	'SMS_OTP',
	'WEB_AUTHN',
];

export async function respondToAuthChallenge(svc: Service, body: Json): Promise<Json> {
	const name = reqString(body, 'ChallengeName');
	const clientId = reqString(body, 'ClientId');
	const responses = optStringMap(body, 'ChallengeResponses') ?? {};
	const sessionId = optString(body, 'Session');
	const metadata = optStringMap(body, 'ClientMetadata');
	const { pool, client } = svc.client(clientId);
	if (!CHALLENGES.includes(name)) {
		throw invalidParameter(
			`1 validation error detected: Value '${name}' at 'challengeName' failed to satisfy constraint: Member must satisfy enum value set: [${CHALLENGES.join(', ')}]`,
		);
	}
	const username = reqParam(responses, 'USERNAME');
	svc.checkSecretHash(client, [username], responses.SECRET_HASH);
	const session = svc.sessions.get(
		sessionId,
		client.ClientId,
		name,
		name === 'PASSWORD_VERIFIER' ? responses.PASSWORD_CLAIM_SECRET_BLOCK : undefined,
	);
	const named = svc.findUser(pool, username);
	// An unknown name's sign-in goes on as its decoy user's, to fail where a wrong password would.
	const decoy = session.decoy;
	const user =
		decoy === undefined ? own(pool.users, session.username) : decoyUser(svc, pool, decoy);
	// Someone else's USERNAME does not burn the session: only its owner can use or spend it.
	const owner =
		decoy === undefined
			? named === user
			: !named && (username === decoy || username === session.username);
	if (!user || !owner) throw notAuthorized(MSG.sessionInvalid);
	const login: Login = {
		svc,
		pool,
		client,
		user,
		authFlow: session.authFlow,
		clientMetadata: metadata ?? session.clientMetadata,
		decoy: session.decoy,
		passwordless: session.passwordless,
	};
	switch (name) {
		case 'PASSWORD_VERIFIER':
			return passwordVerifier(login, session, responses);
		case 'DEVICE_SRP_AUTH': {
			svc.sessions.consume(session);
			if (reqParam(responses, 'DEVICE_KEY') !== session.deviceKey)
				throw notAuthorized(MSG.sessionInvalid);
			const device = confirmedDevice(pool, user, session.deviceKey);
			const A = parseA(responses);
			return srpChallenge(
				login,
				A,
				deviceVerifierHex(device),
				deviceSaltHex(device),
				'DEVICE_PASSWORD_VERIFIER',
				{
					deviceKey: device.key,
				},
			);
		}
		case 'DEVICE_PASSWORD_VERIFIER': {
			svc.sessions.consume(session);
			const device = confirmedDevice(pool, user, session.deviceKey ?? '');
			await verifyClaim(svc, session, responses, device.groupKey, device.key);
			device.lastAuth = svc.now();
			return startMfa(login, device);
		}
		case 'SMS_MFA':
		case 'SOFTWARE_TOKEN_MFA':
			return mfaAnswer(login, session, responses);
		case 'SELECT_MFA_TYPE': {
			svc.sessions.consume(session);
			const answer = reqParam(responses, 'ANSWER');
			const pick = enabledMfa(login).find((m) => m === answer);
			if (!pick) throw invalidParameter('Invalid MFA type provided in ANSWER');
			return mfaChallenge(login, pick, session.deviceKey);
		}
		case 'SELECT_CHALLENGE':
			svc.sessions.consume(session);
			return chooseFactor(
				login,
				reqParam(responses, 'ANSWER'),
				responses,
				session.deviceKey ?? responses.DEVICE_KEY,
			);
		case 'EMAIL_OTP':
		case 'SMS_OTP':
			return otpAnswer(login, session, responses);
		case 'WEB_AUTHN':
			return passkeyAnswer(login, session, responses);
		case 'MFA_SETUP':
			if (responses.EMAIL !== undefined) return setUpEmailMfa(login, session, responses.EMAIL);
			if (session.setupStage !== 'respond') throw notAuthorized(MSG.sessionInvalid);
			svc.sessions.consume(session);
			return svc.authenticationResult(pool, client, user, { deviceKey: session.deviceKey });
		case 'NEW_PASSWORD_REQUIRED': {
			const password = reqParam(responses, 'NEW_PASSWORD');
			svc.validatePassword(pool, password);
			const attrs = Object.entries(responses)
				.filter(([k]) => k.startsWith('userAttributes.'))
				.map(([k, v]) => ({ Name: k.slice('userAttributes.'.length), Value: v }));
			applyAttributes(svc, pool, user, attrs, { sendCodes: false, admin: false });
			svc.sessions.consume(session);
			svc.setPassword(pool, user, password);
			user.status = 'CONFIRMED';
			user.temporaryPasswordSetAt = undefined;
			svc.changed();
			return afterPassword(login, session.deviceKey);
		}
		case 'CUSTOM_CHALLENGE':
			return customAnswer(login, session, responses);
		default:
			throw invalidParameter(`Challenge ${name} is not supported by RespondToAuthChallenge`);
	}
}

const EMAIL_RE = /^[^@\s]+@[^@\s]+$/;

/** MFA_SETUP answered with an e-mail address: a code goes there, EMAIL_OTP waits for it. */
function setUpEmailMfa(login: Login, session: AuthSession, email: string): Json {
	if (session.setupStage !== 'associate' || !emailMfaConfigured(login.pool))
		throw notAuthorized(MSG.sessionInvalid);
	if (!EMAIL_RE.test(email) || email.length > 2048)
		throw invalidParameter('Invalid email address format.');
	checkAliasFree(login.pool, login.user, 'email', email);
	login.svc.sessions.consume(session);
	return otpChallenge(login, 'EMAIL_OTP', {
		deviceKey: session.deviceKey,
		kind: 'email-mfa',
		setupEmail: email,
	});
}

async function verifyClaim(
	svc: Service,
	session: AuthSession,
	responses: Record<string, string>,
	poolName: string,
	userId: string,
): Promise<void> {
	const srp = session.srp;
	const block = reqParam(responses, 'PASSWORD_CLAIM_SECRET_BLOCK');
	const signature = reqParam(responses, 'PASSWORD_CLAIM_SIGNATURE');
	const timestamp = reqParam(responses, 'TIMESTAMP');
	if (!TIMESTAMP_RE.test(timestamp)) throw invalidParameter('TIMESTAMP format is invalid');
	if (!srp || block !== srp.secretBlock) throw notAuthorized(MSG.badCredentials);
	// startLocalPool gives the service worker threads for the modexps; a bare Service computes inline.
	const key = svc.srpWorkers
		? await svc.srpWorkers.serverKey(srp.A, srp, srp.v)
		: serverKey(srp.A, srp, srp.v);
	if (!key) throw notAuthorized(MSG.badCredentials);
	const expected = claimSignature(key, poolName, userId, block, timestamp);
	if (!signatureMatches(expected, signature)) throw notAuthorized(MSG.badCredentials);
}

async function passwordVerifier(
	login: Login,
	session: AuthSession,
	responses: Record<string, string>,
): Promise<Json> {
	const { svc, pool, user } = login;
	const key = signInKey(pool, user.username);
	try {
		svc.lockout.check(key);
		await verifyClaim(svc, session, responses, srpPoolName(login), user.username);
		if (login.decoy) throw notAuthorized(MSG.badCredentials);
	} catch (e) {
		svc.sessions.consume(session);
		if (e instanceof ServiceError && e.message === MSG.badCredentials) svc.lockout.fail(key);
		throw e;
	}
	svc.lockout.succeed(key);
	// The device is looked up only once the password is proven, so that its existence tells an
	// attacker nothing. A forgotten one is reported before the session is spent: the client then
	// resends the same answer with DEVICE_KEY null, and that retry must still succeed.
	if (session.authFlow !== 'CUSTOM_AUTH' && responses.DEVICE_KEY)
		confirmedDevice(pool, user, responses.DEVICE_KEY);
	svc.sessions.consume(session);
	if (session.authFlow === 'CUSTOM_AUTH') {
		const history = [
			...session.customHistory,
			{ challengeName: 'PASSWORD_VERIFIER', challengeResult: true },
		];
		return customNext(login, history, undefined, knownDevice(login, responses.DEVICE_KEY));
	}
	return afterPassword(login, responses.DEVICE_KEY);
}

const knownDevice = (login: Login, key: string | undefined): string | undefined =>
	findConfirmedDevice(login.pool, login.user, key)?.key;

const MAX_MFA_ATTEMPTS = 3;

function mfaAnswer(
	login: Login,
	session: AuthSession,
	responses: Record<string, string>,
): Promise<Json> {
	const { user, svc } = login;
	// MFA failures lock the user out like password failures, counted apart from them.
	const key = `${signInKey(login.pool, user.username)}\0mfa`;
	svc.lockout.check(key);
	let ok: boolean;
	if (session.challenge === 'SMS_MFA') {
		ok = sameSecret(reqParam(responses, 'SMS_MFA_CODE'), session.smsCode ?? '');
	} else {
		const code = reqParam(responses, 'SOFTWARE_TOKEN_MFA_CODE');
		ok = user.totpSecret !== undefined && useTotp(user, user.totpSecret, code, svc.now());
	}
	if (!ok) {
		svc.lockout.fail(key);
		// The same session may be retried a few times, as the service allows for mistyped codes.
		session.attempts += 1;
		if (session.attempts >= MAX_MFA_ATTEMPTS) svc.sessions.consume(session);
		throw err(
			'CodeMismatchException',
			session.challenge === 'SMS_MFA' ? MSG.mfaCodeMismatch : MSG.totpCodeMismatch,
		);
	}
	svc.lockout.succeed(key);
	svc.sessions.consume(session);
	return svc.authenticationResult(login.pool, login.client, user, { deviceKey: session.deviceKey });
}

async function customAnswer(
	login: Login,
	session: AuthSession,
	responses: Record<string, string>,
): Promise<Json> {
	const answer = reqParam(responses, 'ANSWER');
	login.svc.sessions.consume(session);
	const hooks = triggersFor(login.pool.config, login.svc.options.customAuth);
	const verdict = await hooks.verifyAuthChallengeResponse({
		...challengeRequest(login, session.customHistory),
		privateChallengeParameters: { ...(session.customPrivate ?? {}) },
		challengeAnswer: answer,
	});
	// No answer is right for a user who does not exist, whatever a trigger says.
	const answerCorrect = verdict.answerCorrect && !login.decoy;
	const history = [
		...session.customHistory,
		{
			challengeName: 'CUSTOM_CHALLENGE',
			challengeResult: answerCorrect,
			challengeMetadata: session.customMetadata,
		},
	];
	return customNext(login, history, undefined, knownDevice(login, responses.DEVICE_KEY));
}
