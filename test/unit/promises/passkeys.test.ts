// Passkeys through the promises entry against the local pool, with the software authenticator
// of the server tests standing in for the browser: registration in two calls, the list, a
// sign-in whose passkey step is answered with the authenticator's credential, deletion.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import AuthenticationDetails from '../../../src/AuthenticationDetails';
import CognitoUser from '../../../src/CognitoUser';
import CognitoUserPool from '../../../src/CognitoUserPool';
import * as promises from '../../../src/promises';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '../../../src/types';
import { MapStorage } from '../../helpers/mapStorage';
import { type Json, PASSWORD, type Setup, setup } from '../../server/helpers';
import {
	PASSKEY_CLIENT,
	PASSKEY_POOL,
	SoftAuthenticator,
	passkeyPool,
} from '../../server/passkeyHelpers';

let s: Setup;
let pool: CognitoUserPool;

beforeAll(async () => {
	s = await setup(PASSKEY_POOL, PASSKEY_CLIENT);
	await passkeyPool(s);
	pool = new CognitoUserPool({ UserPoolId: s.poolId, ClientId: s.clientId, endpoint: s.url });
});
afterAll(() => s.lp.close());

const newUser = (username: string): CognitoUser =>
	new CognitoUser({ Username: username, Pool: pool, Storage: new MapStorage() });

describe('passkeys as async functions', () => {
	it('register, list, sign in with the passkey step, delete', async () => {
		await s.lp.createUser(s.poolId, 'pia', PASSWORD);
		const user = newUser('pia');
		user.setAuthenticationFlowType('USER_AUTH');
		const withPassword = new AuthenticationDetails({
			Username: 'pia',
			Password: PASSWORD,
			PreferredChallenge: 'PASSWORD',
		});
		expect((await promises.signIn(user, withPassword)).kind).toBe('signedIn');

		const auth = new SoftAuthenticator();
		const creation = await promises.startPasskeyRegistration(user);
		const credential = auth.create(creation as unknown as Json);
		await expect(
			promises.completePasskeyRegistration(user, credential as unknown as RegistrationResponseJSON),
		).resolves.toBe('SUCCESS');
		const { Credentials } = await promises.listPasskeys(user, { maxResults: 5 });
		expect(Credentials.map((c) => c.CredentialId)).toEqual([credential.id]);

		const other = newUser('pia');
		other.setAuthenticationFlowType('USER_AUTH');
		const step = await promises.signIn(other, new AuthenticationDetails({ Username: 'pia' }));
		if (step.kind !== 'factorSelection')
			throw new Error(`expected factorSelection, got ${step.kind}`);
		expect(step.availableChallenges).toContain('WEB_AUTHN');
		const passkey = await step.answer('WEB_AUTHN');
		if (passkey.kind !== 'passkey') throw new Error(`expected passkey, got ${passkey.kind}`);
		const assertion = auth.get(passkey.credentialRequestOptions as unknown as Json);
		const done = await passkey.answer(assertion as unknown as AuthenticationResponseJSON);
		expect(done.kind).toBe('signedIn');

		await expect(promises.deletePasskey(user, String(credential.id))).resolves.toBe('SUCCESS');
		await expect(promises.listPasskeys(user)).resolves.toMatchObject({ Credentials: [] });
	});

	it('registerPasskey outside a browser rejects as the callback method fails', async () => {
		await s.lp.createUser(s.poolId, 'quin', PASSWORD);
		const user = newUser('quin');
		user.setAuthenticationFlowType('USER_AUTH');
		const details = new AuthenticationDetails({
			Username: 'quin',
			Password: PASSWORD,
			PreferredChallenge: 'PASSWORD',
		});
		expect((await promises.signIn(user, details)).kind).toBe('signedIn');
		await expect(promises.registerPasskey(user)).rejects.toMatchObject({
			code: expect.stringMatching(/WebAuthn/),
		});
	});
});
