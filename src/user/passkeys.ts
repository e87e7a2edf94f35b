// Passkeys (WebAuthn): registering, listing and deleting the signed-in user's passkeys, and the
// WEB_AUTHN sign-in challenge. The browser ceremonies live behind utils/passkeyBrowser; here is
// the wire: CredentialCreationOptions and Credential are JSON objects, CREDENTIAL_REQUEST_OPTIONS
// and CREDENTIAL JSON strings (the challenge map holds only strings).
import type CognitoUser from '../CognitoUser';
import type {
	AuthChallengeResponse,
	AuthenticationResponseJSON,
	ChallengeName,
	ClientMetadata,
	IAuthenticationCallback,
	ListWebAuthnCredentialsOptions,
	ListWebAuthnCredentialsResult,
	PublicKeyCredentialCreationOptionsJSON,
	PublicKeyCredentialRequestOptionsJSON,
	RegisterPasskeyOptions,
	RegistrationResponseJSON,
	ResultCallback,
	WebAuthnCredentialDescription,
} from '../types';
import { attempt, callMember, callNode, nodeOutcome, outsidePromise } from '../utils/callbacks';
import {
	browserPasskeys,
	createPasskey,
	getPasskey,
	passkeysNotSupported,
} from '../utils/passkeyBrowser';
import type { Body } from './requests';
import { addCachedDeviceKey, invalidResponse, sendAuthenticated } from './requests';
import { respondAndAuthenticate } from './signIn';

const SUCCESS = (): 'SUCCESS' => 'SUCCESS';

const isObject = (value: unknown): value is { [key: string]: unknown } =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** StartWebAuthnRegistration: calls back with the creation options for the authenticator. */
export function startRegistration(
	user: CognitoUser,
	callback: ResultCallback<PublicKeyCredentialCreationOptionsJSON>,
): void {
	const body = (accessToken: string): Body => ({ AccessToken: accessToken });
	const respond = (data: { CredentialCreationOptions?: unknown }) => {
		const options = data.CredentialCreationOptions;
		if (!isObject(options) || typeof options.challenge !== 'string') {
			throw invalidResponse('StartWebAuthnRegistration returned no CredentialCreationOptions.');
		}
		return options as PublicKeyCredentialCreationOptionsJSON;
	};
	sendAuthenticated(user, 'StartWebAuthnRegistration', body, nodeOutcome(callback), respond);
}

/** CompleteWebAuthnRegistration with the authenticator's RegistrationResponseJSON (an object). */
export function completeRegistration(
	user: CognitoUser,
	credential: RegistrationResponseJSON,
	callback: ResultCallback<'SUCCESS'>,
): void {
	if (!isObject(credential)) {
		const message = 'completeWebAuthnRegistration needs the RegistrationResponseJSON object.';
		return callNode(callback, new Error(message), null);
	}
	const body = (accessToken: string): Body => ({
		AccessToken: accessToken,
		Credential: credential,
	});
	sendAuthenticated(user, 'CompleteWebAuthnRegistration', body, nodeOutcome(callback), SUCCESS);
}

/** Start, the browser's `credentials.create`, then Complete: one call in a browser. */
export function registerInBrowser(
	user: CognitoUser,
	callback: ResultCallback<'SUCCESS'>,
	options: RegisterPasskeyOptions | undefined,
): void {
	const browser = browserPasskeys();
	if (!browser) {
		const detail = 'elsewhere use startWebAuthnRegistration and completeWebAuthnRegistration.';
		return callNode(callback, passkeysNotSupported(detail), null);
	}
	user.startWebAuthnRegistration((err, creationOptions) => {
		if (err) return callNode(callback, err, null);
		createPasskey(browser, creationOptions, options?.signal).then(
			(credential) => outsidePromise(() => user.completeWebAuthnRegistration(credential, callback)),
			(failure: Error) => outsidePromise(() => callNode(callback, failure, null)),
		);
	});
}

/** ListWebAuthnCredentials: one page of the user's passkeys. */
export function listCredentials(
	user: CognitoUser,
	callback: ResultCallback<ListWebAuthnCredentialsResult>,
	options: ListWebAuthnCredentialsOptions | undefined,
): void {
	const body = (accessToken: string): Body => {
		const request: Body = { AccessToken: accessToken };
		if (options?.maxResults !== undefined) request.MaxResults = options.maxResults;
		if (options?.nextToken !== undefined) request.NextToken = options.nextToken;
		return request;
	};
	const respond = (data: { Credentials?: unknown; NextToken?: unknown }) => {
		if (!Array.isArray(data.Credentials)) {
			throw invalidResponse('ListWebAuthnCredentials returned no Credentials list.');
		}
		const credentials = data.Credentials as WebAuthnCredentialDescription[];
		const page: ListWebAuthnCredentialsResult = { Credentials: credentials };
		if (typeof data.NextToken === 'string') page.NextToken = data.NextToken;
		return page;
	};
	sendAuthenticated(user, 'ListWebAuthnCredentials', body, nodeOutcome(callback), respond);
}

/** DeleteWebAuthnCredential by the `CredentialId` the list gives. */
export function deleteCredential(
	user: CognitoUser,
	credentialId: string,
	callback: ResultCallback<'SUCCESS'>,
): void {
	if (typeof credentialId !== 'string' || !credentialId) {
		return callNode(callback, new Error('deleteWebAuthnCredential needs the credential ID.'), null);
	}
	const body = (accessToken: string): Body => ({
		AccessToken: accessToken,
		CredentialId: credentialId,
	});
	sendAuthenticated(user, 'DeleteWebAuthnCredential', body, nodeOutcome(callback), SUCCESS);
}

/**
 * Answers the WEB_AUTHN challenge with an AuthenticationResponseJSON (an object, or the JSON
 * text of one), sent as the string CREDENTIAL. The reply is an authentication reply.
 */
export function answerWebAuthn(
	user: CognitoUser,
	credential: AuthenticationResponseJSON | string,
	callback: IAuthenticationCallback,
	clientMetadata: ClientMetadata,
): void {
	const text = typeof credential === 'string' ? credential : JSON.stringify(credential ?? null);
	if (!isObject(credential) && (typeof credential !== 'string' || !credential)) {
		const message = 'sendWebAuthnCredential needs the AuthenticationResponseJSON.';
		return callMember(callback, 'onFailure', new Error(message));
	}
	const responses: Body = { USERNAME: user.username, CREDENTIAL: text };
	addCachedDeviceKey(user, responses);
	const request = {
		ChallengeName: 'WEB_AUTHN',
		ChallengeResponses: responses,
		ClientId: user.pool.getClientId(),
		Session: user.Session,
		ClientMetadata: clientMetadata,
	};
	respondAndAuthenticate(user, request, callback, null);
}

/**
 * The WEB_AUTHN row of the sign-in state machine. With `webAuthnRequired` the application gets
 * the challenge and the parsed request options and answers with `sendWebAuthnCredential`;
 * without it, in a browser, the library runs `credentials.get` (with the sign-in's
 * PasskeyOptions) and answers itself; elsewhere the sign-in fails with
 * WebAuthnNotSupportedException.
 */
export function handleWebAuthnChallenge(
	user: CognitoUser,
	reply: AuthChallengeResponse,
	callback: IAuthenticationCallback,
): void {
	const fail = (err: Error): void => callMember(callback, 'onFailure', err);
	const parameters = reply.ChallengeParameters ?? {};
	const parsed = attempt(
		() => {
			const options = JSON.parse(parameters.CREDENTIAL_REQUEST_OPTIONS ?? '') as unknown;
			if (!isObject(options) || typeof options.challenge !== 'string')
				throw new Error('no challenge');
			return options as PublicKeyCredentialRequestOptionsJSON;
		},
		() => fail(invalidResponse('The WEB_AUTHN challenge has no valid CREDENTIAL_REQUEST_OPTIONS.')),
	);
	if (!parsed) return;
	if (typeof callback?.webAuthnRequired === 'function') {
		const name = reply.ChallengeName as ChallengeName;
		return callback.webAuthnRequired(name, { ...parameters }, parsed.value);
	}
	const browser = browserPasskeys();
	if (!browser) {
		return fail(
			passkeysNotSupported('supply webAuthnRequired and answer with sendWebAuthnCredential.'),
		);
	}
	getPasskey(browser, parsed.value, user.passkeyOptions).then(
		(credential) => outsidePromise(() => user.sendWebAuthnCredential(credential, callback)),
		(failure: Error) => outsidePromise(() => fail(failure)),
	);
}
