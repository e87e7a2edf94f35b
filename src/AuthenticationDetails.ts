import type {
	AuthFactorType,
	ClientMetadata,
	IAuthenticationDetailsData,
	PasskeyOptions,
} from './types';

/**
 * The credentials and extra parameters of one sign-in attempt. Its fields are marked internal:
 * the published declarations leave them out, as the original's did, so that an app's
 * `interface X extends AuthenticationDetails` may use their names.
 */
export default class AuthenticationDetails {
	/** Sent as `ClientMetadata` by the sign-in flows when it is not empty. @internal */
	validationData: { [key: string]: unknown };
	/** Extra `AuthParameters` for `initiateAuth` (custom authentication). @internal */
	authParameters: { [key: string]: string };
	/** Forwarded to the pool's Lambda triggers. @internal */
	clientMetadata: NonNullable<ClientMetadata>;
	/** The user name or alias to sign in with. @internal */
	username: string | undefined;
	/** The password, if the flow uses one. @internal */
	password: string | undefined;
	// Set only when given, so that the object's own fields stay the original's.
	/** USER_AUTH: the first factor to start with (not in the original). @internal */
	declare preferredChallenge?: AuthFactorType;
	/** USER_AUTH: a Session carried from a passwordless sign-up (not in the original). @internal */
	declare session?: string;
	/** USER_AUTH: how a browser passkey request runs (not in the original). @internal */
	declare passkeyOptions?: PasskeyOptions;

	/**
	 * @param data - Username, Password and optional ValidationData, AuthParameters and
	 * ClientMetadata; missing objects become `{}`. For USER_AUTH, also PreferredChallenge and
	 * Session.
	 */
	constructor(data: IAuthenticationDetailsData = {}) {
		const { ValidationData, Username, Password, AuthParameters, ClientMetadata } = data;
		const { PreferredChallenge, Session, PasskeyOptions } = data;
		this.validationData = ValidationData || {};
		this.authParameters = AuthParameters || {};
		this.clientMetadata = ClientMetadata || {};
		this.username = Username;
		this.password = Password;
		if (PreferredChallenge !== undefined) this.preferredChallenge = PreferredChallenge;
		if (Session !== undefined) this.session = Session;
		if (PasskeyOptions !== undefined) this.passkeyOptions = PasskeyOptions;
	}

	/** @returns the user name given to the constructor. */
	getUsername(): string {
		return this.username as string;
	}

	/** @returns the password given to the constructor. */
	getPassword(): string {
		return this.password as string;
	}

	/**
	 * @returns the validation data: the object given to the constructor, or `{}`. Typed `any`
	 * because the original's declarations said `any[]` and apps assign it to that.
	 */
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above: the original's type
	getValidationData(): any {
		return this.validationData;
	}

	/** @returns the extra authentication parameters. */
	getAuthParameters(): { [key: string]: string } {
		return this.authParameters;
	}

	/** @returns the client metadata. */
	getClientMetadata(): NonNullable<ClientMetadata> {
		return this.clientMetadata;
	}

	/**
	 * The preferred first factor of a USER_AUTH sign-in (not in the original).
	 * @returns the `PreferredChallenge` given to the constructor, if any.
	 */
	getPreferredChallenge(): AuthFactorType | undefined {
		return this.preferredChallenge;
	}

	/**
	 * The Session carried from a passwordless sign-up (not in the original).
	 * @returns the `Session` given to the constructor, if any.
	 */
	getSession(): string | undefined {
		return this.session;
	}
}
