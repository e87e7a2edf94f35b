import { MSG, err, invalidParameter, notAuthorized } from './errors';
import { type Login, afterPassword, challenge, newSession, srpChallenge } from './flow';
import { otpChallenge } from './otp';
import { canUsePasskey, passkeyChallenge } from './webauthn';
import { poolName, signInKey } from './service';
import { checkPassword } from './srp';
import { type UserRecord, firstFactors, tierOf } from './state';
import { type Json, reqParam } from './validate';
import { parseA } from './actions/initiateAuth';

/**
 * Choice-based sign-in (AuthFlow USER_AUTH): the first factors a user may pick, the pick itself
 * (from PREFERRED_CHALLENGE or a SELECT_CHALLENGE answer), and the password check both the
 * PASSWORD factor and USER_PASSWORD_AUTH use.
 */

export const FIRST_CHALLENGES = ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'];

const verified = (user: UserRecord, attr: string) =>
	Boolean(user.attributes[attr]) && user.attributes[`${attr}_verified`] === 'true';

/**
 * What SELECT_CHALLENGE offers: a factor the pool allows and the user can use (a password, a
 * verified e-mail or phone, a passkey and the pool's RP ID for WEB_AUTHN). An unknown
 * name is offered what a user with a password and a verified e-mail would be.
 */
export function availableChallenges(login: Login): string[] {
	const allowed = firstFactors(login.pool);
	const user = login.user;
	const out: string[] = [];
	if (allowed.includes('PASSWORD') && user.verifier) out.push('PASSWORD', 'PASSWORD_SRP');
	if (allowed.includes('EMAIL_OTP') && (login.decoy !== undefined || verified(user, 'email')))
		out.push('EMAIL_OTP');
	if (allowed.includes('SMS_OTP') && login.decoy === undefined && verified(user, 'phone_number'))
		out.push('SMS_OTP');
	if (canUsePasskey(login)) out.push('WEB_AUTHN');
	return out;
}

/** Refuses USER_AUTH where the service would: a LITE pool has no choice-based sign-in. */
export function checkUserAuthAllowed(login: Pick<Login, 'pool'>): void {
	if (tierOf(login.pool) === 'LITE') {
		throw err(
			'UnsupportedOperationException',
			'USER_AUTH is not available in the user pool feature plan LITE.',
		);
	}
}

/** InitiateAuth USER_AUTH: the preferred factor when the user can use it, else SELECT_CHALLENGE. */
export function startUserAuth(login: Login, params: Record<string, string>): Promise<Json> | Json {
	const preferred = params.PREFERRED_CHALLENGE;
	if (preferred !== undefined && !FIRST_CHALLENGES.includes(preferred)) {
		throw invalidParameter(`Invalid PREFERRED_CHALLENGE: ${preferred}`);
	}
	const available = availableChallenges(login);
	if (preferred !== undefined && available.includes(preferred)) {
		return chooseFactor(login, preferred, params, params.DEVICE_KEY);
	}
	const session = newSession(login, 'SELECT_CHALLENGE', { deviceKey: params.DEVICE_KEY });
	return { ...challenge(session, {}), AvailableChallenges: available };
}

/** Starts the chosen first factor; `params` carries PASSWORD or SRP_A where the factor needs them. */
export function chooseFactor(
	login: Login,
	answer: string,
	params: Record<string, string>,
	deviceKey: string | undefined,
): Promise<Json> | Json {
	if (!availableChallenges(login).includes(answer)) {
		throw invalidParameter(`The challenge ${answer} is not available for this user.`);
	}
	switch (answer) {
		case 'PASSWORD':
			proveClearPassword(login, reqParam(params, 'PASSWORD'));
			return afterPassword(login, deviceKey);
		case 'PASSWORD_SRP': {
			const A = parseA(params);
			const v = login.user.verifier;
			if (!v) throw notAuthorized(MSG.badCredentials);
			return srpChallenge(login, A, v.verifier, v.salt, 'PASSWORD_VERIFIER');
		}
		case 'EMAIL_OTP':
			login.passwordless = true;
			return otpChallenge(login, 'EMAIL_OTP', { deviceKey, kind: 'email-otp' });
		case 'SMS_OTP':
			login.passwordless = true;
			return otpChallenge(login, 'SMS_OTP', { deviceKey, kind: 'sms-otp' });
		default:
			login.passwordless = true;
			return passkeyChallenge(login, deviceKey);
	}
}

/**
 * A password sent in the clear (USER_PASSWORD_AUTH, USER_AUTH's PASSWORD): checked under the
 * sign-in lockout; an unknown name fails as a wrong password does.
 */
export function proveClearPassword(login: Login, password: string): void {
	const { svc, pool, user } = login;
	const key = signInKey(pool, user.username);
	svc.lockout.check(key);
	const ok =
		user.verifier &&
		checkPassword(poolName(pool.config.Id), user.username, password, user.verifier);
	if (!ok || login.decoy !== undefined) {
		svc.lockout.fail(key);
		throw notAuthorized(MSG.badCredentials);
	}
	svc.lockout.succeed(key);
}
