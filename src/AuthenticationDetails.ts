import type { ClientMetadata, IAuthenticationDetailsData } from './types';

/** The credentials and extra parameters of one sign-in attempt. */
export default class AuthenticationDetails {
	/** Sent as `ClientMetadata` by the sign-in flows when it is not empty. */
	validationData: { [key: string]: unknown };
	/** Extra `AuthParameters` for `initiateAuth` (custom authentication). */
	authParameters: { [key: string]: string };
	/** Forwarded to the pool's Lambda triggers. */
	clientMetadata: NonNullable<ClientMetadata>;
	/** The user name or alias to sign in with. */
	username: string | undefined;
	/** The password, if the flow uses one. */
	password: string | undefined;

	/**
	 * @param data - Username, Password and optional ValidationData, AuthParameters and
	 * ClientMetadata; missing objects become `{}`.
	 */
	constructor(data: IAuthenticationDetailsData = {}) {
		const { ValidationData, Username, Password, AuthParameters, ClientMetadata } = data;
		this.validationData = ValidationData || {};
		this.authParameters = AuthParameters || {};
		this.clientMetadata = ClientMetadata || {};
		this.username = Username;
		this.password = Password;
	}

	/** @returns the user name given to the constructor. */
	getUsername(): string {
		return this.username as string;
	}

	/** @returns the password given to the constructor. */
	getPassword(): string {
		return this.password as string;
	}

	/** @returns the validation data (an object, despite the original typings' `any[]`). */
	getValidationData(): { [key: string]: unknown } {
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
}
