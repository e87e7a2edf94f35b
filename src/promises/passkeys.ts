// Passkeys as async functions over the callback methods: registration (in two calls, or the
// whole browser ceremony in one), listing and deleting the user's passkeys.
import type CognitoUser from '../CognitoUser';
import type {
	ListWebAuthnCredentialsOptions,
	ListWebAuthnCredentialsResult,
	PublicKeyCredentialCreationOptionsJSON,
	RegistrationResponseJSON,
} from '../types';
import { nodeStyle, run } from './run';
import type { CallOptions } from './run';

/** The creation options for the authenticator (StartWebAuthnRegistration). */
export function startPasskeyRegistration(
	user: CognitoUser,
	options?: CallOptions,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
	return run(user, options, (outcome) => user.startWebAuthnRegistration(nodeStyle(outcome)));
}

/** Registers the authenticator's RegistrationResponseJSON (CompleteWebAuthnRegistration). */
export function completePasskeyRegistration(
	user: CognitoUser,
	credential: RegistrationResponseJSON,
	options?: CallOptions,
): Promise<'SUCCESS'> {
	return run(user, options, (outcome) =>
		user.completeWebAuthnRegistration(credential, nodeStyle(outcome)),
	);
}

/**
 * In a browser: start, `navigator.credentials.create`, complete. The signal aborts the
 * requests and the browser ceremony alike.
 */
export function registerPasskey(user: CognitoUser, options?: CallOptions): Promise<'SUCCESS'> {
	return run(user, options, (outcome) =>
		user.registerPasskey(nodeStyle(outcome), { signal: options?.signal }),
	);
}

/** One page of the user's passkeys (ListWebAuthnCredentials). */
export function listPasskeys(
	user: CognitoUser,
	options?: CallOptions & ListWebAuthnCredentialsOptions,
): Promise<ListWebAuthnCredentialsResult> {
	return run(user, options, (outcome) =>
		user.listWebAuthnCredentials(nodeStyle(outcome), {
			maxResults: options?.maxResults,
			nextToken: options?.nextToken,
		}),
	);
}

/** Deletes one of the user's passkeys by its `CredentialId`. */
export function deletePasskey(
	user: CognitoUser,
	credentialId: string,
	options?: CallOptions,
): Promise<'SUCCESS'> {
	return run(user, options, (outcome) =>
		user.deleteWebAuthnCredential(credentialId, nodeStyle(outcome)),
	);
}
