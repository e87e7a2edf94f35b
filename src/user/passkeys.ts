// Passkeys (WebAuthn): registering, listing and deleting the signed-in user's passkeys, and the
// answer to the WEB_AUTHN sign-in challenge (its row is in signIn.ts). The browser ceremonies live behind utils/passkeyBrowser; here is
// the wire: CredentialCreationOptions and Credential are JSON objects, CREDENTIAL_REQUEST_OPTIONS
// and CREDENTIAL JSON strings (the challenge map holds only strings).
import type CognitoUser from '../CognitoUser';
import type {
	AuthenticationResponseJSON,
	ClientMetadata,
	IAuthenticationCallback,
	ListWebAuthnCredentialsOptions,
	ListWebAuthnCredentialsResult,
	PublicKeyCredentialCreationOptionsJSON,
	RegisterPasskeyOptions,
	RegistrationResponseJSON,
	ResultCallback,
	WebAuthnCredentialDescription,
} from '../types';
import { callMember, callNode, nodeOutcome, outsidePromise } from '../utils/callbacks';
import { browserPasskeys, createPasskey, passkeysNotSupported } from '../utils/passkeyBrowser';
import type { Body } from './requests';
import { addCachedDeviceKey, invalidResponse, isJsonObject, sendAuthenticated } from './requests';
import { respondAndAuthenticate } from './signIn';

const SUCCESS = (): 'SUCCESS' => 'SUCCESS';

/** StartWebAuthnRegistration: calls back with the creation options for the authenticator. */
export function startRegistration(
	user: CognitoUser,
	callback: ResultCallback<PublicKeyCredentialCreationOptionsJSON>,
): void {
	const body = (accessToken: string): Body => ({ AccessToken: accessToken });
	const respond = (data: { CredentialCreationOptions?: unknown }) => {
		const options = data.CredentialCreationOptions;
		if (!isJsonObject(options) || typeof options.challenge !== 'string') {
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
	if (!isJsonObject(credential)) {
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
	if (!isJsonObject(credential) && (typeof credential !== 'string' || !credential)) {
		const message = 'sendWebAuthnCredential needs the AuthenticationResponseJSON.';
		return callMember(callback, 'onFailure', new Error(message));
	}
	const text = typeof credential === 'string' ? credential : JSON.stringify(credential);
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
