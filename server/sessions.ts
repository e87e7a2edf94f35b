import { randomBytes } from 'node:crypto';
import { MSG, notAuthorized } from './errors';

export const SESSION_TTL_MS = 3 * 60 * 1000;
/**
 * Sessions that wait for a person to read a message (a one-time code, a sign-up code): the
 * longest AuthSessionValidity the service allows, so that a code can expire before its session.
 */
export const CODE_SESSION_TTL_MS = 15 * 60 * 1000;

export interface CustomRound {
	challengeName: string;
	challengeResult: boolean;
	challengeMetadata?: string;
}

/** Server-side state of one sign-in between challenges. */
export interface AuthSession {
	id: string;
	poolId: string;
	clientId: string;
	username: string;
	/** The ChallengeName this session answers. */
	challenge: string;
	expiresAt: number;
	authFlow: string;
	clientMetadata?: Record<string, string>;
	srp?: { A: bigint; v: bigint; b: bigint; B: bigint; secretBlock: string };
	/** A device this login is bound to (claimed, then proven through device SRP). */
	deviceKey?: string;
	smsCode?: string;
	/** The EMAIL_OTP / SMS_OTP code this session waits for. */
	otp?: { code: string; expiresAt: number };
	/** An e-mail address MFA_SETUP is verifying; it becomes the user's once the code is right. */
	setupEmail?: string;
	/** Signed in without a password (an OTP first factor): no MFA follows. */
	passwordless?: boolean;
	attempts: number;
	customHistory: CustomRound[];
	customPrivate?: Record<string, string>;
	customMetadata?: string;
	/** MFA_SETUP progress: associate a token, verify it, then answer the challenge. */
	setupStage?: 'associate' | 'verify' | 'respond';
	/** The WEB_AUTHN challenge (base64url) this session's assertion must sign. */
	webAuthnChallenge?: string;
	/** The unknown name this sign-in's decoy user was made for. */
	decoy?: string;
}

/** A StartWebAuthnRegistration challenge, waiting for CompleteWebAuthnRegistration. */
export interface RegistrationStart {
	challenge: string;
	clientId: string;
	expiresAt: number;
}

export type SessionInit = Omit<AuthSession, 'id' | 'expiresAt' | 'attempts' | 'customHistory'> &
	Partial<Pick<AuthSession, 'customHistory'>>;

export class SessionStore {
	private readonly sessions = new Map<string, AuthSession>();
	private readonly bySecretBlock = new Map<string, string>();

	constructor(
		private readonly now: () => number,
		/** Pending sign-ins kept at most (each holds an SRP_A no larger than N). */
		private readonly cap = 20_000,
	) {}

	create(init: SessionInit, ttlMs = SESSION_TTL_MS): AuthSession {
		this.sweep();
		const session: AuthSession = {
			customHistory: [],
			...init,
			id: randomBytes(96).toString('base64'),
			expiresAt: this.now() + ttlMs,
			attempts: 0,
		};
		this.sessions.set(session.id, session);
		if (session.srp) this.bySecretBlock.set(session.srp.secretBlock, session.id);
		return session;
	}

	/**
	 * Looks a session up for an answer to `challenge` from `clientId`. A session that belongs to
	 * another client or another challenge is as good as unknown to the caller.
	 */
	get(
		id: string | undefined,
		clientId: string,
		challenge: string,
		secretBlock?: string,
	): AuthSession {
		const key = id ?? (secretBlock !== undefined ? this.bySecretBlock.get(secretBlock) : undefined);
		const session = key === undefined ? undefined : this.sessions.get(key);
		if (!session || session.clientId !== clientId || session.challenge !== challenge) {
			throw notAuthorized(MSG.sessionInvalid);
		}
		if (session.expiresAt <= this.now()) {
			this.consume(session);
			throw notAuthorized(MSG.sessionExpired);
		}
		return session;
	}

	/** How many sign-ins are pending. */
	get size(): number {
		return this.sessions.size;
	}

	/** For actions that carry no ClientId (AssociateSoftwareToken, VerifySoftwareToken). */
	getForChallenge(id: string, challenge: string): AuthSession {
		const session = this.sessions.get(id);
		if (!session) throw notAuthorized(MSG.sessionInvalid);
		return this.get(id, session.clientId, challenge);
	}

	/** Sessions are single-use: the next step always gets a new one. */
	consume(session: AuthSession): void {
		this.sessions.delete(session.id);
		if (session.srp) this.bySecretBlock.delete(session.srp.secretBlock);
	}

	private sweep(): void {
		// Cheap amortised cleanup so abandoned sign-ins do not accumulate.
		if (this.sessions.size < 1000) return;
		const now = this.now();
		for (const s of this.sessions.values()) if (s.expiresAt <= now) this.consume(s);
		// A flood of sign-ins within the lifetime still must not exhaust memory: the oldest go.
		for (const s of this.sessions.values()) {
			if (this.sessions.size < this.cap) break;
			this.consume(s);
		}
	}
}
