import Client from './Client';
import type CognitoUserAttribute from './CognitoUserAttribute';
import CognitoUser from './CognitoUser';
import StorageHelper from './StorageHelper';
import { clientKeyPrefix, lastAuthUserKey } from './user/storageKeys';
import { readItem } from './user/store';
import { callNode, toError } from './utils/callbacks';
import { withSecret } from './utils/secretHash';
import type {
	ClientMetadata,
	CodeDeliveryDetails,
	ICognitoStorage,
	ICognitoUserAttributeData,
	ICognitoUserPoolData,
	ISignUpResult,
	NodeCallback,
	ResultCallback,
} from './types';

/** Amazon Cognito advanced security's collector, when its script is on the page. */
interface AdvancedSecurityData {
	getData(username: string, userPoolId: string, clientId: string): string | undefined | null;
}

// The advanced-security script defines a global; reading it as a free identifier finds it
// however the script declared it, as the original did.
declare const AmazonCognitoAdvancedSecurityData: AdvancedSecurityData | undefined;

/** `UserContextData` as sent to the service. */
export interface UserContextData {
	EncodedData?: string;
}

/** Wraps the callback of every session refresh of this pool (Amplify uses it). */
export type RefreshSessionCallbackWrapper = (target: NodeCallback.Any) => NodeCallback.Any;

/** Attributes as `signUp` accepts them. */
type SignUpAttributes = Array<CognitoUserAttribute | ICognitoUserAttributeData> | null;

interface SignUpResponse {
	Session?: string;
	UserConfirmed?: boolean;
	UserSub?: string;
	CodeDeliveryDetails?: CodeDeliveryDetails;
}

const USER_POOL_ID_MAX_LENGTH = 55;

/**
 * A Cognito user pool app client: the entry point for sign-up and the current user. Members
 * the original's declarations lacked are marked internal: the published declarations leave
 * them out, so that an app's `interface X extends CognitoUserPool` may use their names.
 * `storage` stays published for React Native's `userPool.storage.sync()` (README).
 */
export default class CognitoUserPool {
	/** @internal The pool id, `<region>_<id>`. */
	userPoolId: string;
	/** @internal The app client id. */
	clientId: string;
	/** @internal The wire client, shared by every user of this pool. */
	client: Client;
	/** @internal Whether advanced-security context data is collected (unless explicitly `false`). */
	advancedSecurityDataCollectionFlag: boolean;
	/** Where this pool's users keep their tokens; React Native apps call `storage.sync()` (README). */
	storage: ICognitoStorage;
	/** @internal Set only when given to the constructor. */
	wrapRefreshSessionCallback?: RefreshSessionCallbackWrapper;
	/** @internal The app client's secret (not in the original); set only when given as `ClientSecret`. */
	clientSecret?: string;
	/**
	 * @internal Whether refreshes go through GetTokensFromRefreshToken (not in the original);
	 * set only when `RefreshTokenRotation` is true.
	 */
	refreshTokenRotation?: boolean;

	/**
	 * @param data - UserPoolId and ClientId are required; optional endpoint, fetchOptions,
	 * Storage, AdvancedSecurityDataCollectionFlag, and, not in the original, requestTimeout (ms),
	 * ClientSecret and RefreshTokenRotation.
	 * @param wrapRefreshSessionCallback - wraps every refresh callback.
	 * @throws Error 'Both UserPoolId and ClientId are required.' or 'Invalid UserPoolId format.'
	 */
	constructor(
		data: ICognitoUserPoolData,
		wrapRefreshSessionCallback?: RefreshSessionCallbackWrapper,
	) {
		const {
			UserPoolId,
			ClientId,
			endpoint,
			fetchOptions,
			AdvancedSecurityDataCollectionFlag,
			requestTimeout,
			ClientSecret,
			RefreshTokenRotation,
		} = data || ({} as Partial<ICognitoUserPoolData>);
		if (!UserPoolId || !ClientId) {
			throw new Error('Both UserPoolId and ClientId are required.');
		}
		if (UserPoolId.length > USER_POOL_ID_MAX_LENGTH || !/^[\w-]+_[0-9a-zA-Z]+$/.test(UserPoolId)) {
			throw new Error('Invalid UserPoolId format.');
		}
		const region = UserPoolId.split('_')[0];

		this.userPoolId = UserPoolId;
		this.clientId = ClientId;
		this.client = new Client(region, endpoint, fetchOptions, { timeout: requestTimeout });
		this.advancedSecurityDataCollectionFlag = AdvancedSecurityDataCollectionFlag !== false;
		this.storage = data.Storage || new StorageHelper().getStorage();
		if (wrapRefreshSessionCallback) {
			this.wrapRefreshSessionCallback = wrapRefreshSessionCallback;
		}
		if (ClientSecret) this.clientSecret = ClientSecret;
		if (RefreshTokenRotation === true) this.refreshTokenRotation = true;
	}

	/** @returns the pool id. */
	getUserPoolId(): string {
		return this.userPoolId;
	}

	/** @returns the part after the underscore, which SRP uses as the pool name. */
	getUserPoolName(): string {
		return this.getUserPoolId().split('_')[1] as string;
	}

	/** @returns the app client id. */
	getClientId(): string {
		return this.clientId;
	}

	/**
	 * Registers a user (SignUp). Calls back `(null, {user, userConfirmed, userSub,
	 * codeDeliveryDetails})` or `(err, null)`. Without a password (null, undefined or '') the
	 * `Password` key is left out: a passwordless sign-up, whose Session the result and the
	 * user carry (`session`) on to `confirmRegistration` and a USER_AUTH sign-in.
	 */
	signUp(
		username: string,
		password: string | null | undefined,
		userAttributes: SignUpAttributes | undefined,
		validationData: SignUpAttributes | undefined,
		callback: ResultCallback<ISignUpResult>,
		clientMetadata?: ClientMetadata,
	): void {
		const jsonReq: Record<string, unknown> = { ClientId: this.clientId, Username: username };
		if (password !== null && password !== undefined && password !== '') {
			jsonReq.Password = password;
		}
		Object.assign(jsonReq, {
			UserAttributes: userAttributes,
			ValidationData: validationData,
			ClientMetadata: clientMetadata,
		});
		const userContextData = this.getUserContextData(username);
		if (userContextData) {
			jsonReq.UserContextData = userContextData;
		}
		withSecret(this, jsonReq, username);
		this.client.request<SignUpResponse>('SignUp', jsonReq, (err, data) => {
			if (err) {
				callNode(callback, err, null);
				return;
			}
			let user: CognitoUser;
			try {
				user = new CognitoUser({ Username: username, Pool: this, Storage: this.storage });
			} catch (invalid) {
				// The original let this escape into the fetch chain, which called back again.
				callNode(callback, toError(invalid), null);
				return;
			}
			const result: ISignUpResult = {
				user,
				userConfirmed: data?.UserConfirmed as boolean,
				userSub: data?.UserSub as string,
				codeDeliveryDetails: data?.CodeDeliveryDetails as CodeDeliveryDetails,
			};
			// Only a passwordless sign-up has a Session; other results stay the original's.
			if (typeof data?.Session === 'string') {
				result.session = data.Session;
				user.Session = data.Session;
				user.signUpSession = data.Session;
			}
			callNode(callback, null, result);
		});
	}

	/** @returns the user who last signed in with this client on this storage, or `null`. */
	getCurrentUser(): CognitoUser | null {
		// An unreadable store (Safari private mode, a sandboxed frame) holds no current user.
		const lastAuthUser = readItem(this.storage, lastAuthUserKey(clientKeyPrefix(this.clientId)));
		if (lastAuthUser) {
			return new CognitoUser({ Username: lastAuthUser, Pool: this, Storage: this.storage });
		}
		return null;
	}

	/**
	 * Context data for advanced security: `undefined` without the collector script,
	 * `{EncodedData}` when it returns data, else `{}` (which is still sent, as in the original).
	 * @internal
	 */
	getUserContextData(username: string): UserContextData | undefined {
		if (typeof AmazonCognitoAdvancedSecurityData === 'undefined') {
			return undefined;
		}
		const collector = AmazonCognitoAdvancedSecurityData;
		if (this.advancedSecurityDataCollectionFlag && collector) {
			const encoded = collector.getData(username, this.userPoolId, this.clientId);
			if (encoded) {
				return { EncodedData: encoded };
			}
		}
		return {};
	}
}
