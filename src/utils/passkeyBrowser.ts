// The one module that touches the browser's WebAuthn API (`navigator.credentials`,
// `PublicKeyCredential`). The library also runs in Node and React Native, where neither exists:
// there `browserPasskeys()` is undefined and the callers fall back to the JSON methods. The
// JSON helpers (`parseCreationOptionsFromJSON`, `toJSON()`) are used where the browser has them;
// older browsers get the same JSON through the manual base64url conversion below.
import { createCognitoError } from '../Client';
import type {
	AuthenticationResponseJSON,
	PasskeyOptions,
	PublicKeyCredentialCreationOptionsJSON,
	PublicKeyCredentialDescriptorJSON,
	PublicKeyCredentialRequestOptionsJSON,
	RegistrationResponseJSON,
} from '../passkeyTypes';
import { toError } from './callbacks';
import { base64Decode, base64Encode } from './encoding';

/** The part of a PublicKeyCredential this module reads; every member is optional in old browsers. */
interface BrowserCredential {
	id?: string;
	rawId?: ArrayBuffer;
	type?: string;
	authenticatorAttachment?: string | null;
	response?: {
		clientDataJSON?: ArrayBuffer;
		attestationObject?: ArrayBuffer;
		authenticatorData?: ArrayBuffer;
		signature?: ArrayBuffer;
		userHandle?: ArrayBuffer | null;
		getTransports?(): string[];
		getPublicKeyAlgorithm?(): number;
		getAuthenticatorData?(): ArrayBuffer;
	};
	getClientExtensionResults?(): { [key: string]: unknown };
	toJSON?(): unknown;
}

interface CredentialsContainerLike {
	create(options: { publicKey: unknown; signal?: AbortSignal }): Promise<unknown>;
	get(options: { publicKey: unknown; signal?: AbortSignal; mediation?: string }): Promise<unknown>;
}

interface PublicKeyCredentialStatics {
	parseCreationOptionsFromJSON?(json: PublicKeyCredentialCreationOptionsJSON): unknown;
	parseRequestOptionsFromJSON?(json: PublicKeyCredentialRequestOptionsJSON): unknown;
	isConditionalMediationAvailable?(): Promise<boolean>;
}

/** The browser's WebAuthn entry points, when this is a browser page that may use them. */
export interface BrowserPasskeys {
	credentials: CredentialsContainerLike;
	statics: PublicKeyCredentialStatics;
}

/**
 * `navigator.credentials` and `PublicKeyCredential`, or undefined outside a browser, in an
 * insecure context (plain http other than localhost) or in a browser without WebAuthn.
 */
export function browserPasskeys(): BrowserPasskeys | undefined {
	const scope = globalThis as {
		isSecureContext?: boolean;
		navigator?: { credentials?: Partial<CredentialsContainerLike> };
		PublicKeyCredential?: PublicKeyCredentialStatics;
	};
	const credentials = scope.navigator?.credentials;
	if (scope.isSecureContext === false || !scope.PublicKeyCredential) return undefined;
	if (typeof credentials?.create !== 'function' || typeof credentials.get !== 'function') {
		return undefined;
	}
	return {
		credentials: credentials as CredentialsContainerLike,
		statics: scope.PublicKeyCredential,
	};
}

/** The error of a passkey method where no browser WebAuthn is available. */
export function passkeysNotSupported(detail: string): Error {
	return createCognitoError(
		`Passkeys need WebAuthn in a secure browser context (https, or http://localhost); ${detail}`,
		'WebAuthnNotSupportedException',
	);
}

/** The library's code for each DOMException name a ceremony may reject with. */
const CEREMONY_ERRORS: { readonly [name: string]: readonly [code: string, message: string] } = {
	NotAllowedError: [
		'WebAuthnCancelledException',
		'The passkey request was cancelled by the user, timed out or was not allowed',
	],
	AbortError: ['WebAuthnAbortedException', 'The passkey request was aborted'],
	InvalidStateError: [
		'WebAuthnCredentialExistsException',
		'This authenticator already holds a passkey for this user',
	],
	SecurityError: [
		'WebAuthnRelyingPartyMismatchException',
		"The passkey's relying party does not match this page's domain",
	],
	NotSupportedError: [
		'WebAuthnNotSupportedException',
		'The authenticator supports none of the requested algorithms or options',
	],
};

/** A ceremony's rejection as an Error with a code; unknown failures keep their own message. */
export function ceremonyError(thrown: unknown): Error {
	const name = (thrown as { name?: unknown } | null)?.name;
	const known = typeof name === 'string' ? CEREMONY_ERRORS[name] : undefined;
	if (!known) return toError(thrown);
	const detail = thrown instanceof Error && thrown.message ? ` (${thrown.message})` : '';
	return createCognitoError(`${known[1]}${detail}.`, known[0]);
}

/** base64url without padding. */
export function toBase64Url(bytes: ArrayBuffer | Uint8Array): string {
	const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
	return base64Encode(view).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const withBinaryIds = (list: PublicKeyCredentialDescriptorJSON[] | undefined) =>
	list?.map((descriptor) => ({ ...descriptor, id: base64Decode(descriptor.id) }));

/** Creation options for `credentials.create`: the browser's parser, or the manual conversion. */
function creationOptions(browser: BrowserPasskeys, json: PublicKeyCredentialCreationOptionsJSON) {
	if (typeof browser.statics.parseCreationOptionsFromJSON === 'function') {
		return browser.statics.parseCreationOptionsFromJSON(json);
	}
	const { excludeCredentials, ...rest } = json;
	const converted: { [key: string]: unknown } = {
		...rest,
		challenge: base64Decode(json.challenge),
		user: { ...json.user, id: base64Decode(json.user.id) },
	};
	if (excludeCredentials) converted.excludeCredentials = withBinaryIds(excludeCredentials);
	return converted;
}

/** Request options for `credentials.get`: the browser's parser, or the manual conversion. */
function requestOptions(browser: BrowserPasskeys, json: PublicKeyCredentialRequestOptionsJSON) {
	if (typeof browser.statics.parseRequestOptionsFromJSON === 'function') {
		return browser.statics.parseRequestOptionsFromJSON(json);
	}
	const { allowCredentials, ...rest } = json;
	const converted: { [key: string]: unknown } = {
		...rest,
		challenge: base64Decode(json.challenge),
	};
	if (allowCredentials) converted.allowCredentials = withBinaryIds(allowCredentials);
	return converted;
}

/** What both kinds of credential share in their JSON form. */
function commonJSON(credential: BrowserCredential) {
	const rawId = credential.rawId;
	if (!rawId || !credential.response?.clientDataJSON) {
		throw createCognitoError('The browser returned no credential.', 'WebAuthnCancelledException');
	}
	const json = {
		id: credential.id ?? toBase64Url(rawId),
		rawId: toBase64Url(rawId),
		type: credential.type ?? 'public-key',
		clientExtensionResults: credential.getClientExtensionResults?.() ?? {},
	};
	const attachment = credential.authenticatorAttachment;
	return attachment ? { ...json, authenticatorAttachment: attachment } : json;
}

/** A new credential as RegistrationResponseJSON: `toJSON()`, or built by hand. */
function registrationJSON(credential: BrowserCredential): RegistrationResponseJSON {
	if (typeof credential.toJSON === 'function')
		return credential.toJSON() as RegistrationResponseJSON;
	const common = commonJSON(credential);
	const response = credential.response ?? {};
	const attestationObject = response.attestationObject ?? new ArrayBuffer(0);
	const authenticatorData = response.getAuthenticatorData?.();
	return {
		...common,
		response: {
			clientDataJSON: toBase64Url(response.clientDataJSON ?? new ArrayBuffer(0)),
			attestationObject: toBase64Url(attestationObject),
			...(authenticatorData ? { authenticatorData: toBase64Url(authenticatorData) } : {}),
			transports: response.getTransports?.() ?? [],
			...(response.getPublicKeyAlgorithm
				? { publicKeyAlgorithm: response.getPublicKeyAlgorithm() }
				: {}),
		},
	};
}

/** An assertion as AuthenticationResponseJSON: `toJSON()`, or built by hand. */
function authenticationJSON(credential: BrowserCredential): AuthenticationResponseJSON {
	if (typeof credential.toJSON === 'function') {
		return credential.toJSON() as AuthenticationResponseJSON;
	}
	const common = commonJSON(credential);
	const response = credential.response ?? {};
	const userHandle = response.userHandle;
	return {
		...common,
		response: {
			clientDataJSON: toBase64Url(response.clientDataJSON ?? new ArrayBuffer(0)),
			authenticatorData: toBase64Url(response.authenticatorData ?? new ArrayBuffer(0)),
			signature: toBase64Url(response.signature ?? new ArrayBuffer(0)),
			...(userHandle ? { userHandle: toBase64Url(userHandle) } : {}),
		},
	};
}

/** Rejects at once when the signal was aborted before the ceremony began. */
function checkSignal(signal: AbortSignal | undefined): void {
	if (signal?.aborted) throw ceremonyError({ name: 'AbortError' });
}

/**
 * Runs `navigator.credentials.create` for the service's creation options. Rejects with an
 * Error with a code (see `ceremonyError`), or `WebAuthnNotSupportedException`.
 */
export async function createPasskey(
	browser: BrowserPasskeys,
	json: PublicKeyCredentialCreationOptionsJSON,
	signal: AbortSignal | undefined,
): Promise<RegistrationResponseJSON> {
	try {
		checkSignal(signal);
		const publicKey = creationOptions(browser, json);
		const options = signal ? { publicKey, signal } : { publicKey };
		return registrationJSON((await browser.credentials.create(options)) as BrowserCredential);
	} catch (thrown) {
		throw ceremonyError(thrown);
	}
}

/**
 * Runs `navigator.credentials.get` for a WEB_AUTHN challenge's request options, with the
 * mediation and signal asked for. Conditional mediation where the browser lacks it rejects
 * with `WebAuthnNotSupportedException` rather than opening a modal dialog unasked.
 */
export async function getPasskey(
	browser: BrowserPasskeys,
	json: PublicKeyCredentialRequestOptionsJSON,
	passkey: PasskeyOptions | undefined,
): Promise<AuthenticationResponseJSON> {
	try {
		checkSignal(passkey?.signal);
		if (passkey?.mediation === 'conditional') {
			const available = await browser.statics.isConditionalMediationAvailable?.();
			if (available !== true) throw passkeysNotSupported('this browser has no passkey autofill.');
		}
		const options: { publicKey: unknown; signal?: AbortSignal; mediation?: string } = {
			publicKey: requestOptions(browser, json),
		};
		if (passkey?.signal) options.signal = passkey.signal;
		if (passkey?.mediation) options.mediation = passkey.mediation;
		return authenticationJSON((await browser.credentials.get(options)) as BrowserCredential);
	} catch (thrown) {
		throw ceremonyError(thrown);
	}
}
