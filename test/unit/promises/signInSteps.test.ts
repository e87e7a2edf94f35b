// Every callback of a sign-in becomes its step, and each step's answer calls the callback
// method that answers that challenge, resolving to the step its callbacks report next.
import { describe, expect, it, vi } from 'vitest';
import AuthenticationDetails from '../../../src/AuthenticationDetails';
import CognitoUser from '../../../src/CognitoUser';
import CognitoUserPool from '../../../src/CognitoUserPool';
import type CognitoUserSession from '../../../src/CognitoUserSession';
import type { IAuthenticationCallback } from '../../../src/types';
import { authResult } from '../CognitoUser.kit';
import { signIn, signInWithCustomAuth } from '../../../src/promises';
import type { SignInStep } from '../../../src/promises';

const pool = new CognitoUserPool({ UserPoolId: 'us-east-1_Abc123', ClientId: 'client1' });
const details = new AuthenticationDetails({ Username: 'ann', Password: 'pw' });
const session = { isValid: () => true } as unknown as CognitoUserSession;

function newUser(): CognitoUser {
	return new CognitoUser({ Username: 'ann', Pool: pool });
}

/** Makes `authenticateUser` call back with `report` instead of talking to the service. */
function starting(user: CognitoUser, report: (cb: IAuthenticationCallback) => void): void {
	vi.spyOn(user, 'authenticateUser').mockImplementation((_d, cb) => report(cb));
}

const signedIn = (cb: IAuthenticationCallback): void => cb.onSuccess(session, true);

describe('signIn resolves to the step of each callback', () => {
	it('onSuccess: signed in, with whether the device needs confirming', async () => {
		const user = newUser();
		starting(user, signedIn);
		expect(await signIn(user, details)).toEqual({
			kind: 'signedIn',
			session,
			userConfirmationNecessary: true,
		});
	});

	it('onFailure: rejects with the same error', async () => {
		const user = newUser();
		const err = Object.assign(new Error('Incorrect username or password.'), {
			code: 'NotAuthorizedException',
			name: 'NotAuthorizedException',
		});
		starting(user, (cb) => cb.onFailure(err));
		await expect(signIn(user, details)).rejects.toBe(err);
	});

	it('newPasswordRequired: answer sends the password and attributes', async () => {
		const user = newUser();
		starting(user, (cb) => cb.newPasswordRequired?.({ email: 'a@x' }, ['name']));
		const step = await signIn(user, details);
		if (step.kind !== 'newPasswordRequired') throw new Error(step.kind);
		expect(step.userAttributes).toEqual({ email: 'a@x' });
		expect(step.requiredAttributes).toEqual(['name']);
		const spy = vi
			.spyOn(user, 'completeNewPasswordChallenge')
			.mockImplementation((_p, _a, cb) => signedIn(cb));
		expect(
			(await step.answer('new-pw', { name: 'Ann' }, { clientMetadata: { a: 'b' } })).kind,
		).toBe('signedIn');
		expect(spy).toHaveBeenCalledWith('new-pw', { name: 'Ann' }, expect.anything(), { a: 'b' });
	});

	it.each([
		['mfaRequired', 'SMS_MFA', 'smsCode', 'sendMFACode', 'SMS_MFA'],
		['totpRequired', 'SOFTWARE_TOKEN_MFA', 'totpCode', 'sendMFACode', 'SOFTWARE_TOKEN_MFA'],
		['emailOtpRequired', 'EMAIL_OTP', 'emailCode', 'sendOtpCode', undefined],
		['smsOtpRequired', 'SMS_OTP', 'smsCode', 'sendOtpCode', undefined],
	] as const)(
		'%s: a %s code step whose answer calls %s',
		async (callback, name, kind, method, type) => {
			const user = newUser();
			const parameters = { CODE_DELIVERY_DESTINATION: '+*******1234' };
			starting(user, (cb) => cb[callback]?.(name, parameters));
			const step = await signIn(user, details);
			expect(step).toMatchObject({
				kind,
				challengeName: name,
				destination: '+*******1234',
				challengeParameters: parameters,
			});
			if (step.kind !== kind) throw new Error(step.kind);
			const spy = vi
				.spyOn(user, method)
				.mockImplementation((_code: string, cb: Pick<IAuthenticationCallback, 'onSuccess'>) =>
					cb.onSuccess(session),
				);
			expect((await step.answer('123456')).kind).toBe('signedIn');
			const args = spy.mock.calls[0] ?? [];
			expect(args[0]).toBe('123456');
			if (type) expect(args[2]).toBe(type);
		},
	);

	it('customChallenge: answer sends the answer and may lead to another challenge', async () => {
		const user = newUser();
		const custom = (cb: IAuthenticationCallback): void => cb.customChallenge?.({ q: '2+2' });
		vi.spyOn(user, 'initiateAuth').mockImplementation((_d, cb) => custom(cb));
		const step = await signInWithCustomAuth(user, details);
		if (step.kind !== 'customChallenge') throw new Error(step.kind);
		expect(step.challengeParameters).toEqual({ q: '2+2' });
		const spy = vi
			.spyOn(user, 'sendCustomChallengeAnswer')
			.mockImplementationOnce((_a, cb) => custom(cb))
			.mockImplementationOnce((_a, cb) => signedIn(cb));
		const again = await step.answer('5');
		expect(again.kind).toBe('customChallenge');
		if (again.kind !== 'customChallenge') throw new Error(again.kind);
		expect((await again.answer('4')).kind).toBe('signedIn');
		expect(spy.mock.calls.map((c) => c[0])).toEqual(['5', '4']);
	});

	it('selectMFAType: the offered methods; answer chooses one and leads to its code', async () => {
		const user = newUser();
		starting(user, (cb) =>
			cb.selectMFAType?.('SELECT_MFA_TYPE', {
				MFAS_CAN_CHOOSE: '["SMS_MFA","SOFTWARE_TOKEN_MFA"]',
			}),
		);
		const step = await signIn(user, details);
		if (step.kind !== 'mfaSelection') throw new Error(step.kind);
		expect(step.options).toEqual(['SMS_MFA', 'SOFTWARE_TOKEN_MFA']);
		const spy = vi
			.spyOn(user, 'sendMFASelectionAnswer')
			.mockImplementation((_m, cb) => cb.totpRequired?.('SOFTWARE_TOKEN_MFA', {}));
		expect((await step.answer('SOFTWARE_TOKEN_MFA')).kind).toBe('totpCode');
		expect(spy.mock.calls[0]?.[0]).toBe('SOFTWARE_TOKEN_MFA');
	});

	it('mfaSetup: carries the TOTP secret; answerTotp verifies, answerEmail sets up email', async () => {
		const user = newUser();
		starting(user, (cb) =>
			cb.mfaSetup?.('MFA_SETUP', { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA","EMAIL_OTP"]' }),
		);
		vi.spyOn(user, 'associateSoftwareToken').mockImplementation((cb) =>
			cb.associateSecretCode('SECRET234'),
		);
		const step = await signIn(user, details);
		if (step.kind !== 'mfaSetup') throw new Error(step.kind);
		expect(step.secretCode).toBe('SECRET234');
		expect(step.options).toEqual(['SOFTWARE_TOKEN_MFA', 'EMAIL_OTP']);
		const realSession = user.getCognitoUserSession(authResult());
		const verify = vi
			.spyOn(user, 'verifySoftwareToken')
			.mockImplementation((_c, _n, cb) => cb.onSuccess(realSession));
		expect(await step.answerTotp('654321', 'phone')).toEqual({
			kind: 'signedIn',
			session: realSession,
			userConfirmationNecessary: false,
		});
		expect(verify.mock.calls[0]?.slice(0, 2)).toEqual(['654321', 'phone']);
		const email = vi
			.spyOn(user, 'setupEmailMfa')
			.mockImplementation((_e, cb) => cb.emailOtpRequired?.('EMAIL_OTP', {}));
		expect((await step.answerEmail('ann@example.com')).kind).toBe('emailCode');
		expect(email.mock.calls[0]?.[0]).toBe('ann@example.com');
	});

	it('mfaSetup without TOTP offered asks for no secret', async () => {
		const user = newUser();
		starting(user, (cb) => cb.mfaSetup?.('MFA_SETUP', { MFAS_CAN_SETUP: '["EMAIL_OTP"]' }));
		const associate = vi.spyOn(user, 'associateSoftwareToken');
		const step = await signIn(user, details);
		expect(step).toMatchObject({ kind: 'mfaSetup', options: ['EMAIL_OTP'] });
		expect(step.kind === 'mfaSetup' && step.secretCode).toBe(undefined);
		expect(associate).not.toHaveBeenCalled();
	});

	it('selectChallenge: the factors; answer sends the factor and the password', async () => {
		const user = newUser();
		starting(user, (cb) => cb.selectChallenge?.(['PASSWORD_SRP', 'EMAIL_OTP'], {}));
		const step = await signIn(user, details);
		if (step.kind !== 'factorSelection') throw new Error(step.kind);
		expect(step.availableChallenges).toEqual(['PASSWORD_SRP', 'EMAIL_OTP']);
		const spy = vi
			.spyOn(user, 'sendChallengeSelection')
			.mockImplementation((_f, cb) => signedIn(cb));
		expect((await step.answer('PASSWORD_SRP', { password: 'pw' })).kind).toBe('signedIn');
		expect(spy.mock.calls[0]?.[0]).toBe('PASSWORD_SRP');
		expect(spy.mock.calls[0]?.[2]).toEqual({ password: 'pw', clientMetadata: undefined });
	});

	it('webAuthnRequired: a passkey step with the request options; answer sends the credential', async () => {
		const user = newUser();
		const requestOptions = { challenge: 'abc', rpId: 'example.com' };
		const parameters = { CREDENTIAL_REQUEST_OPTIONS: JSON.stringify(requestOptions) };
		starting(user, (cb) => cb.webAuthnRequired?.('WEB_AUTHN', parameters, requestOptions));
		const step = await signIn(user, details);
		if (step.kind !== 'passkey') throw new Error(step.kind);
		expect(step.credentialRequestOptions).toEqual(requestOptions);
		expect(step.challengeParameters).toEqual(parameters);
		const spy = vi
			.spyOn(user, 'sendWebAuthnCredential')
			.mockImplementation((_c, cb) => signedIn(cb));
		expect((await step.answer('{"id":"cred"}', { clientMetadata: { k: 'v' } })).kind).toBe(
			'signedIn',
		);
		expect(spy).toHaveBeenCalledWith('{"id":"cred"}', expect.anything(), { k: 'v' });
	});

	it('a switch over the kinds covers every step (the type-level test checks a missing one)', () => {
		const label = (step: SignInStep): string => {
			switch (step.kind) {
				case 'signedIn':
				case 'newPasswordRequired':
				case 'smsCode':
				case 'totpCode':
				case 'emailCode':
				case 'mfaSelection':
				case 'mfaSetup':
				case 'customChallenge':
				case 'factorSelection':
				case 'passkey':
					return step.kind;
				default: {
					const never: never = step;
					return never;
				}
			}
		};
		expect(label({ kind: 'signedIn', session, userConfirmationNecessary: false })).toBe('signedIn');
	});
});
