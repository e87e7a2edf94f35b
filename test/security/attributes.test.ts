// Finding 2: users could mark their own e-mail or phone verified (SignUp, UpdateUserAttributes,
// NEW_PASSWORD_REQUIRED), and the ID token then vouched for any address.
// Finding 9: an e-mail or phone used to sign in could be taken over by another user's update.
import { afterAll, describe, expect, it } from 'vitest';
import {
	PASSWORD,
	api,
	expectError,
	jwtPayload,
	ok,
	setup,
	signUpConfirmed,
	srpLogin,
	tokensFor,
} from '../server/helpers';

const UNAUTHORIZED = 'A client attempted to write unauthorized attribute';

describe('email_verified and phone_number_verified are set by proof or by an administrator only', async () => {
	const s = await setup();
	afterAll(() => s.lp.close());

	it('SignUp refuses them', async () => {
		for (const Name of ['email_verified', 'phone_number_verified']) {
			expectError(
				await api(s.url, 'SignUp', {
					ClientId: s.clientId,
					Username: `mallory-${Name}`,
					Password: PASSWORD,
					UserAttributes: [
						{ Name: 'email', Value: 'ceo@example.com' },
						{ Name, Value: 'true' },
					],
				}),
				'InvalidParameterException',
				UNAUTHORIZED,
			);
		}
	});

	it('UpdateUserAttributes refuses them, and a changed e-mail is unverified in the ID token', async () => {
		await signUpConfirmed(s, 'mal');
		const { AccessToken } = await tokensFor(s, 'mal');
		expectError(
			await api(s.url, 'UpdateUserAttributes', {
				AccessToken,
				UserAttributes: [
					{ Name: 'email', Value: 'ceo@example.com' },
					{ Name: 'email_verified', Value: 'true' },
				],
			}),
			'InvalidParameterException',
			UNAUTHORIZED,
		);
		// Nothing of the refused request was written.
		const before = await ok(s.url, 'GetUser', { AccessToken });
		expect(before.UserAttributes).toContainEqual({ Name: 'email', Value: 'mal@example.com' });
		await ok(s.url, 'UpdateUserAttributes', {
			AccessToken,
			UserAttributes: [{ Name: 'email', Value: 'ceo@example.com' }],
		});
		const { IdToken } = await tokensFor(s, 'mal');
		expect(jwtPayload(String(IdToken))).toMatchObject({
			email: 'ceo@example.com',
			email_verified: false,
		});
	});

	it('NEW_PASSWORD_REQUIRED refuses them', async () => {
		await ok(s.url, 'AdminCreateUser', {
			UserPoolId: s.poolId,
			Username: 'newt',
			TemporaryPassword: 'Temp0rary!',
			UserAttributes: [{ Name: 'email', Value: 'newt@example.com' }],
		});
		const c = await srpLogin(s, 'newt', 'Temp0rary!');
		expect(c.body.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
		expectError(
			await api(s.url, 'RespondToAuthChallenge', {
				ChallengeName: 'NEW_PASSWORD_REQUIRED',
				ClientId: s.clientId,
				Session: c.body.Session,
				ChallengeResponses: {
					USERNAME: 'newt',
					NEW_PASSWORD: 'N3w-Passw0rd!',
					'userAttributes.email_verified': 'true',
				},
			}),
			'InvalidParameterException',
			UNAUTHORIZED,
		);
	});

	it('an administrator may still set them', async () => {
		await ok(s.url, 'AdminUpdateUserAttributes', {
			UserPoolId: s.poolId,
			Username: 'mal',
			UserAttributes: [{ Name: 'email_verified', Value: 'true' }],
		});
		const user = await ok(s.url, 'AdminGetUser', { UserPoolId: s.poolId, Username: 'mal' });
		expect(user.UserAttributes).toContainEqual({ Name: 'email_verified', Value: 'true' });
	});
});

describe('an e-mail used to sign in belongs to one user (AliasExistsException)', () => {
	it('with e-mail as username, another user cannot update to it', async () => {
		const s = await setup({ UsernameAttributes: ['email'] });
		try {
			for (const email of ['ann@example.com', 'bob@example.com']) {
				await ok(s.url, 'SignUp', { ClientId: s.clientId, Username: email, Password: PASSWORD });
				await ok(s.url, 'AdminConfirmSignUp', { UserPoolId: s.poolId, Username: email });
			}
			const { AccessToken } = await tokensFor(s, 'bob@example.com');
			expectError(
				await api(s.url, 'UpdateUserAttributes', {
					AccessToken,
					UserAttributes: [{ Name: 'email', Value: 'ann@example.com' }],
				}),
				'AliasExistsException',
				'An account with the given email already exists.',
			);
			// ann@example.com still signs Ann in, with her password only.
			const ann = await srpLogin(s, 'ann@example.com', PASSWORD);
			const annClaims = jwtPayload(
				String((ann.body.AuthenticationResult as Record<string, unknown>).IdToken),
			);
			expect(annClaims.email).toBe('ann@example.com');
			const bob = await ok(s.url, 'GetUser', { AccessToken });
			expect(bob.UserAttributes).toContainEqual({ Name: 'email', Value: 'bob@example.com' });
		} finally {
			await s.lp.close();
		}
	});

	it('with an e-mail alias, another user cannot take an address a user has verified', async () => {
		const s = await setup({ AliasAttributes: ['email'] });
		try {
			await signUpConfirmed(s, 'cat', { email: 'shared@example.com' });
			await signUpConfirmed(s, 'dog', { email: 'dog@example.com' });
			const { AccessToken } = await tokensFor(s, 'dog');
			expectError(
				await api(s.url, 'UpdateUserAttributes', {
					AccessToken,
					UserAttributes: [{ Name: 'email', Value: 'shared@example.com' }],
				}),
				'AliasExistsException',
			);
			const viaAlias = await srpLogin(s, 'shared@example.com', PASSWORD);
			const claims = jwtPayload(
				String((viaAlias.body.AuthenticationResult as Record<string, unknown>).AccessToken),
			);
			expect(claims.username).toBe('cat');
		} finally {
			await s.lp.close();
		}
	});
});
