// The reason to switch, shown against the original: given an EMAIL_OTP challenge (a
// pool with email MFA, or a passwordless sign-in), the original caches empty tokens and fails
// with a TypeError; ours hands the challenge to `emailOtpRequired` and completes with the code,
// and an app that lacks the callback gets a clear failure with nothing stored. The service is
// a scripted fetch reply: no server needed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	PASSWORD,
	USERNAME,
	authCallbacks,
	fixEnvironment,
	orig,
	ours,
	restoreEnvironment,
	runScenario,
	tokens,
} from './cognitoUserHarness';
import type { Lib, Scenario, Script } from './cognitoUserHarness';

beforeEach(fixEnvironment);
afterEach(restoreEnvironment);

const CODE_PARAMS = {
	CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL',
	CODE_DELIVERY_DESTINATION: 'p***@e***',
};
const PREFIX = `CognitoIdentityServiceProvider.2ll3nltl7ig0kn5u0r3lv5pqrm.${USERNAME}`;

/** The password is accepted; email MFA follows; the right code under EMAIL_OTP_CODE gives tokens. */
const emailMfa: Script = (action, body) => {
	const first =
		(action === 'InitiateAuth' && body.AuthFlow === 'USER_PASSWORD_AUTH') ||
		(action === 'RespondToAuthChallenge' && body.ChallengeName === 'PASSWORD_VERIFIER');
	if (first) {
		return {
			body: { ChallengeName: 'EMAIL_OTP', ChallengeParameters: CODE_PARAMS, Session: 'email-1' },
		};
	}
	if (action === 'RespondToAuthChallenge' && body.ChallengeName === 'EMAIL_OTP') {
		const code = (body.ChallengeResponses as Record<string, unknown>).EMAIL_OTP_CODE;
		if (code === '12345678') return { body: { AuthenticationResult: tokens('email-mfa') } };
		return {
			status: 400,
			body: { __type: 'CodeMismatchException', message: 'Invalid code received for user' },
		};
	}
	return undefined;
};

/** An app that answers the code the way it can: our sendOtpCode. */
function emailMfaScenario(flow: string, withCallback: boolean): Scenario {
	return {
		name: `${flow} sign-in, then an EMAIL_OTP challenge`,
		script: emailMfa,
		run: (lib, user, done) => {
			user.setAuthenticationFlowType(flow);
			const callbacks: Record<string, unknown> = authCallbacks(done);
			if (withCallback) {
				callbacks.emailOtpRequired = () =>
					user.sendOtpCode('12345678', {
						onSuccess: done('onSuccess'),
						onFailure: done('onFailure'),
					});
			}
			user.authenticateUser(
				new lib.AuthenticationDetails({ Username: USERNAME, Password: PASSWORD }),
				callbacks,
			);
		},
	};
}

const run = (lib: Lib, flow: string, withCallback = true) =>
	runScenario(lib, emailMfaScenario(flow, withCallback));

describe.each(['USER_PASSWORD_AUTH', 'USER_SRP_AUTH'])('EMAIL_OTP after %s', (flow) => {
	it('the original caches empty tokens and fails with a TypeError', async () => {
		const theirs = await run(orig, flow);
		expect(theirs.callback).toMatch(/^onFailure .*TypeError.*NewDeviceMetadata/);
		// The tokens it cached are empty: no JWT in any token key.
		const tokenWrites = theirs.storage.filter((line) =>
			/^set .*\.(idToken|accessToken)=/.test(line),
		);
		expect(tokenWrites.length).toBeGreaterThan(0);
		for (const line of tokenWrites) expect(line).toMatch(/=$/);
		// It never answered the challenge.
		expect(theirs.requests.some((r) => r.body.includes('EMAIL_OTP_CODE'))).toBe(false);
	});

	it('ours asks through emailOtpRequired, answers EMAIL_OTP_CODE and signs in', async () => {
		const mine = await run(ours, flow);
		expect(mine.callback).toMatch(/^onSuccess \["session /);
		const answer = mine.requests.at(-1)?.body ?? '';
		expect(JSON.parse(answer)).toEqual({
			ChallengeName: 'EMAIL_OTP',
			ChallengeResponses: { USERNAME, EMAIL_OTP_CODE: '12345678' },
			ClientId: '2ll3nltl7ig0kn5u0r3lv5pqrm',
			Session: 'email-1',
		});
		expect(mine.signedIn).toBe(tokens('email-mfa').IdToken);
		expect(mine.storage).toContain(`set ${PREFIX}.idToken=${tokens('email-mfa').IdToken}`);
		expect(
			mine.storage.filter((line) => /=(undefined)?$/.test(line) && /Token=/.test(line)),
		).toEqual([]);
	});

	it('ours, for an app written for the original: onFailure names the callback, nothing stored', async () => {
		const mine = await run(ours, flow, false);
		expect(mine.callback).toBe(
			`onFailure ${JSON.stringify([
				'error CallbackMissingException: EMAIL_OTP challenge received but no emailOtpRequired callback was given',
			])}`,
		);
		expect(mine.storage.filter((line) => line.startsWith('set '))).toEqual([]);
		expect(mine.signedIn).toBeNull();
	});
});
