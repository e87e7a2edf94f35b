import { randomInt } from 'node:crypto';
import { sameSecret } from './compare';
import { MSG, err, notAuthorized } from './errors';
import { type Login, afterPassword, challenge, newSession } from './flow';
import type { OutboxKind } from './outbox';
import { type CodeDeliveryDetails, maskDestination, signInKey } from './service';
import { CODE_SESSION_TTL_MS, type AuthSession } from './sessions';
import type { Json } from './validate';

/**
 * One-time codes sent at sign-in: EMAIL_OTP and SMS_OTP as first factors (USER_AUTH), and
 * EMAIL_OTP as MFA (after a password, or while MFA_SETUP verifies an address). The code lives
 * in the session that asked for it, so it is good for that sign-in only.
 */

/** How long a sign-in code is good for; its session outlives it, so expiry can be told apart. */
export const OTP_TTL_MS = 5 * 60_000;
/** Wrong codes one session takes before it is spent (as for SMS and TOTP MFA codes). */
const MAX_OTP_ATTEMPTS = 3;

export type OtpChallenge = 'EMAIL_OTP' | 'SMS_OTP';

export interface OtpOptions {
	deviceKey?: string;
	kind: Extract<OutboxKind, 'email-otp' | 'sms-otp' | 'email-mfa'>;
	/** MFA_SETUP: the address to verify, instead of the user's own. */
	setupEmail?: string;
}

/** Sends a code (a decoy user gets none) and returns the challenge that waits for it. */
export function otpChallenge(login: Login, name: OtpChallenge, opts: OtpOptions): Json {
	const { svc, pool, user } = login;
	const attr = name === 'EMAIL_OTP' ? 'email' : 'phone_number';
	const medium = name === 'EMAIL_OTP' ? 'EMAIL' : 'SMS';
	const address = opts.setupEmail ?? user.attributes[attr] ?? decoyAddress(login, medium);
	const delivery: CodeDeliveryDetails = {
		Destination: maskDestination(medium, address),
		DeliveryMedium: medium,
		AttributeName: attr,
	};
	const code = randomInt(0, 100_000_000).toString().padStart(8, '0');
	if (!login.decoy) svc.deliver(pool, user, opts.kind, code, delivery, opts.setupEmail);
	const session = newSession(
		login,
		name,
		{
			deviceKey: opts.deviceKey,
			otp: { code, expiresAt: svc.now() + OTP_TTL_MS },
			setupEmail: opts.setupEmail,
		},
		CODE_SESSION_TTL_MS,
	);
	return challenge(session, {
		CODE_DELIVERY_DELIVERY_MEDIUM: medium,
		CODE_DELIVERY_DESTINATION: delivery.Destination,
		USERNAME: user.username,
	});
}

/** A made-up address for an unknown name, stable per name, masked like a real one. */
function decoyAddress(login: Login, medium: 'EMAIL' | 'SMS'): string {
	const bytes = login.svc.decoyBytes(login.pool, login.decoy ?? login.user.username, 'otp', 4);
	if (medium === 'SMS')
		return `+1555${bytes.readUInt32BE(0).toString().padStart(7, '0').slice(-7)}`;
	const letter = (i: number) => String.fromCharCode(97 + ((bytes[i] ?? 0) % 26));
	return `${letter(0)}x@${letter(1)}x`;
}

/**
 * EMAIL_OTP_CODE / SMS_OTP_CODE. A wrong code counts towards the user's MFA lockout and three
 * spend the session; an expired one spends it at once. Right: an address being set up becomes
 * the user's verified e-mail with email MFA on, then tokens or the next step.
 */
export function otpAnswer(
	login: Login,
	session: AuthSession,
	responses: Record<string, string>,
): Promise<Json> | Json {
	const { svc, user } = login;
	const otp = session.otp;
	if (!otp) throw notAuthorized(MSG.sessionInvalid);
	const key = `${signInKey(login.pool, user.username)}\0mfa`;
	svc.lockout.check(key);
	const field = session.challenge === 'EMAIL_OTP' ? 'EMAIL_OTP_CODE' : 'SMS_OTP_CODE';
	const given = responses[field];
	if (!given) throw err('InvalidParameterException', `Missing required parameter ${field}`);
	if (otp.expiresAt <= svc.now()) {
		svc.sessions.consume(session);
		throw err('ExpiredCodeException', MSG.codeExpired);
	}
	// A decoy's code was never sent: no answer is right for a user who does not exist.
	if (!sameSecret(given, otp.code) || login.decoy) {
		svc.lockout.fail(key);
		session.attempts += 1;
		if (session.attempts >= MAX_OTP_ATTEMPTS) svc.sessions.consume(session);
		throw err('CodeMismatchException', MSG.mfaCodeMismatch);
	}
	svc.lockout.succeed(key);
	svc.sessions.consume(session);
	if (session.setupEmail !== undefined) {
		user.attributes.email = session.setupEmail;
		user.attributes.email_verified = 'true';
		user.emailMfaEnabled = true;
		user.modified = svc.now();
		svc.changed();
	}
	// A first factor goes on as after a password (a device key given now leads to device SRP);
	// MFA keeps the device the sign-in has already proven, if any.
	if (session.passwordless) return afterPassword(login, session.deviceKey ?? responses.DEVICE_KEY);
	return svc.authenticationResult(login.pool, login.client, user, {
		deviceKey: session.deviceKey,
	});
}
