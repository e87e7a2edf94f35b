import { StateStore } from './persist';
import type { Verifier } from './srp';
import { ChangeTracker, type Path } from './tracked';

export interface PasswordPolicy {
	MinimumLength: number;
	RequireUppercase: boolean;
	RequireLowercase: boolean;
	RequireNumbers: boolean;
	RequireSymbols: boolean;
	TemporaryPasswordValidityDays: number;
}

export interface DeviceConfiguration {
	ChallengeRequiredOnNewDevice: boolean;
	DeviceOnlyRememberedOnUserPrompt: boolean;
}

export type MfaConfiguration = 'OFF' | 'OPTIONAL' | 'ON';

export type UserPoolTier = 'LITE' | 'ESSENTIALS' | 'PLUS';
export type FirstAuthFactor = 'PASSWORD' | 'EMAIL_OTP' | 'SMS_OTP' | 'WEB_AUTHN';

/** SetUserPoolMfaConfig's message templates and passkey settings, kept as given. */
export interface MfaTemplates {
	SmsMfaConfiguration?: {
		SmsAuthenticationMessage?: string;
		SmsConfiguration?: Record<string, unknown>;
	};
	SoftwareTokenMfaConfiguration?: { Enabled?: boolean };
	EmailMfaConfiguration?: { Message?: string; Subject?: string };
	WebAuthnConfiguration?: {
		RelyingPartyId?: string;
		UserVerification?: string;
		FactorConfiguration?: string;
	};
}

export interface PoolConfig {
	Id: string;
	Name: string;
	Arn: string;
	Policies: {
		PasswordPolicy: PasswordPolicy;
		/** Absent in state files written before issue 12: read through {@link firstFactors}. */
		SignInPolicy?: { AllowedFirstAuthFactors: FirstAuthFactor[] };
	};
	MfaConfiguration: MfaConfiguration;
	/** Absent in state files written before issue 12: read through {@link tierOf}. */
	UserPoolTier?: UserPoolTier;
	/** What SetUserPoolMfaConfig set besides MfaConfiguration. */
	MfaTemplates?: MfaTemplates;
	DeviceConfiguration?: DeviceConfiguration;
	AutoVerifiedAttributes: string[];
	UsernameAttributes?: string[];
	AliasAttributes?: string[];
	/** Trigger ARNs; the three custom-auth ones turn on the built-in CUSTOM_AUTH triggers. */
	LambdaConfig?: Partial<
		Record<'DefineAuthChallenge' | 'CreateAuthChallenge' | 'VerifyAuthChallengeResponse', string>
	>;
	CreationDate: number;
	LastModifiedDate: number;
}

export interface ClientConfig {
	ClientId: string;
	ClientName: string;
	UserPoolId: string;
	ClientSecret?: string;
	ExplicitAuthFlows: string[];
	AccessTokenValidity?: number;
	IdTokenValidity?: number;
	RefreshTokenValidity?: number;
	TokenValidityUnits?: { AccessToken?: string; IdToken?: string; RefreshToken?: string };
	PreventUserExistenceErrors: 'ENABLED' | 'LEGACY';
	EnableTokenRevocation: boolean;
	RefreshTokenRotation?: { Feature: 'ENABLED' | 'DISABLED'; RetryGracePeriodSeconds: number };
	CreationDate: number;
	LastModifiedDate: number;
}

export type UserStatus = 'UNCONFIRMED' | 'CONFIRMED' | 'FORCE_CHANGE_PASSWORD' | 'RESET_REQUIRED';
export type MfaName = 'SMS_MFA' | 'SOFTWARE_TOKEN_MFA' | 'EMAIL_OTP';

export interface PendingCode {
	code: string;
	expiresAt: number;
}

export interface UserRecord {
	username: string;
	attributes: Record<string, string>;
	status: UserStatus;
	enabled: boolean;
	verifier?: Verifier;
	created: number;
	modified: number;
	smsMfaEnabled: boolean;
	totpEnabled: boolean;
	/** Email MFA (EMAIL_OTP after the password); absent means off. */
	emailMfaEnabled?: boolean;
	/** WebAuthnMfaSettings.Enabled, stored for the passkey issue. */
	webAuthnMfaEnabled?: boolean;
	totpSecret?: string;
	pendingTotpSecret?: string;
	/** TOTP time steps accepted lately: their codes are never accepted again. */
	totpUsedSteps?: number[];
	preferredMfa?: MfaName;
	deviceGroupKey: string;
	/** When an administrator set the current temporary password (epoch ms). */
	temporaryPasswordSetAt?: number;
	/** Keyed by purpose: 'confirmation', 'forgot-password', 'attr:<name>'. */
	codes: Record<string, PendingCode>;
}

export interface DeviceRecord {
	key: string;
	groupKey: string;
	username: string;
	confirmed: boolean;
	remembered: boolean;
	salt?: string;
	verifier?: string;
	name?: string;
	created: number;
	modified: number;
	lastAuth: number;
}

/** A registered passkey (CompleteWebAuthnRegistration); keyed by credential ID, one user each. */
export interface PasskeyRecord {
	/** The credential ID, base64url. */
	id: string;
	username: string;
	/** The COSE public key, base64url. */
	publicKey: string;
	/** The signature counter last seen: an assertion must move it forward (unless both are 0). */
	counter: number;
	transports: string[];
	attachment?: string;
	rpId: string;
	name: string;
	created: number;
	lastUsed?: number;
}

export interface PoolRecord {
	config: PoolConfig;
	/** Keys the decoys of PreventUserExistenceErrors (see Service.decoyBytes); made on first use. */
	decoySecret?: string;
	clients: Record<string, ClientConfig>;
	users: Record<string, UserRecord>;
	devices: Record<string, DeviceRecord>;
	/** Absent until the pool's first passkey (and in state files written before passkeys). */
	passkeys?: Record<string, PasskeyRecord>;
}

export interface RefreshRecord {
	poolId: string;
	clientId: string;
	username: string;
	originJti: string;
	deviceKey?: string;
	authTime: number;
	expiresAt: number;
	/**
	 * Set when rotation replaced this token (epoch ms): it is refused after this moment, with
	 * RefreshTokenReuseException.
	 */
	replacedUntil?: number;
}

/** One sign-in's token family: its refresh token and every access token minted from it. */
export interface OriginRecord {
	poolId: string;
	username: string;
	revoked: boolean;
	/** When the last token of the family expires (epoch ms); after that the record can go. */
	expiresAt?: number;
}

export interface PersistentState {
	pools: Record<string, PoolRecord>;
	refreshTokens: Record<string, RefreshRecord>;
	origins: Record<string, OriginRecord>;
}

export const emptyState = (): PersistentState => ({ pools: {}, refreshTokens: {}, origins: {} });

/**
 * The state as the actions see it, and where it is saved. Every write through `state` is
 * tracked; `save()` puts what changed on disk (with a state file) before a reply reports it.
 */
export class StoredState {
	readonly state: PersistentState;
	private readonly tracker: ChangeTracker<PersistentState>;

	private constructor(
		raw: PersistentState,
		private readonly store: StateStore | undefined,
	) {
		this.tracker = new ChangeTracker(raw, store !== undefined);
		this.state = this.tracker.root;
	}

	/** Opens `file` (snapshot and journal), or keeps the state in memory only without one. */
	static open(file: string | undefined): StoredState {
		if (!file) return new StoredState(emptyState(), undefined);
		const { store, state } = StateStore.open(file, emptyState);
		return new StoredState(state, store);
	}

	/**
	 * Saves every change since the last save. Throws when the disk refuses (the changes stay
	 * pending and the next save retries them) or when a value cannot be saved at all (it is
	 * dropped, so that one bad value never blocks later saves).
	 */
	save(): void {
		const paths = this.tracker.takeChanges();
		if (!this.store || paths.length === 0) return;
		let unsaved: Path[];
		try {
			unsaved = this.store.save(this.tracker.raw, paths);
		} catch (e) {
			this.tracker.restore(paths);
			throw e;
		}
		if (unsaved.length > 0) {
			const names = unsaved.map((p) => p.join('/')).join(', ');
			throw new Error(`could not save ${names}: not representable as JSON`);
		}
	}

	/** Folds the journal into the snapshot, so that a cleanly closed FILE holds the whole state. */
	close(): void {
		if (!this.store) return;
		try {
			this.store.fold(this.tracker.raw);
		} finally {
			this.store.close();
		}
	}
}

/** Finds a user by username, or by a sign-in attribute (email, phone, preferred_username). */
export function findUser(pool: PoolRecord, name: string): UserRecord | undefined {
	const direct = own(pool.users, name);
	if (direct) return direct;
	const usernameAttrs = pool.config.UsernameAttributes ?? [];
	const aliasAttrs = pool.config.AliasAttributes ?? [];
	for (const user of Object.values(pool.users)) {
		for (const attr of usernameAttrs) {
			if (user.attributes[attr] === name) return user;
		}
		for (const attr of aliasAttrs) {
			// Aliases sign in only once verified; preferred_username has no verification.
			const verified =
				attr === 'preferred_username' || user.attributes[`${attr}_verified`] === 'true';
			if (verified && user.attributes[attr] === name) return user;
		}
	}
	return undefined;
}

/** The pool's feature plan; pools made before tiers were modelled are ESSENTIALS, the default. */
export const tierOf = (pool: PoolRecord): UserPoolTier => pool.config.UserPoolTier ?? 'ESSENTIALS';

/** The first factors USER_AUTH may offer; ['PASSWORD'] unless the pool says otherwise. */
export const firstFactors = (pool: PoolRecord): FirstAuthFactor[] =>
	pool.config.Policies.SignInPolicy?.AllowedFirstAuthFactors ?? ['PASSWORD'];

/** Record lookup that ignores inherited keys, so "__proto__" or "constructor" never match. */
export function own<T>(record: Record<string, T>, key: string): T | undefined {
	return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}
