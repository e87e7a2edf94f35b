import { randomInt } from 'node:crypto';
import { sameSecret } from './compare';
import { invalidParameter } from './errors';
import type { CustomRound } from './sessions';
import type { PoolConfig } from './state';

/** What a Define/Create/Verify trigger sees, modelled on the Lambda events' `request`. */
export interface ChallengeRequest {
	userPoolId: string;
	userName: string;
	userAttributes: Record<string, string>;
	session: CustomRound[];
	clientMetadata: Record<string, string>;
	/**
	 * Set when the name matches no user and the client hides that (PreventUserExistenceErrors):
	 * the triggers run as for a user, and no answer can be right.
	 */
	userNotFound?: boolean;
}

export interface DefineResult {
	challengeName?: string;
	issueTokens: boolean;
	failAuthentication: boolean;
}

export interface CreateResult {
	publicChallengeParameters?: Record<string, string>;
	privateChallengeParameters?: Record<string, string>;
	challengeMetadata?: string;
}

export interface CustomAuthHooks {
	defineAuthChallenge?: (req: ChallengeRequest) => DefineResult | Promise<DefineResult>;
	createAuthChallenge?: (
		req: ChallengeRequest & { challengeName: string },
		/** Sends a code to the outbox as a 'custom-challenge' message. */
		deliver: (code: string) => void,
	) => CreateResult | Promise<CreateResult>;
	verifyAuthChallengeResponse?: (
		req: ChallengeRequest & {
			privateChallengeParameters: Record<string, string>;
			challengeAnswer: string;
		},
	) => { answerCorrect: boolean } | Promise<{ answerCorrect: boolean }>;
}

const MAX_ATTEMPTS = 3;

/**
 * The default Define trigger: SRP first when the client asked for it (CHALLENGE_NAME=SRP_A),
 * then one-time codes until one is right or three are wrong.
 */
export function defaultDefine(req: ChallengeRequest): DefineResult {
	const last = req.session.at(-1);
	if (last?.challengeName === 'SRP_A') {
		return { challengeName: 'PASSWORD_VERIFIER', issueTokens: false, failAuthentication: false };
	}
	if (last?.challengeName === 'CUSTOM_CHALLENGE' && last.challengeResult) {
		return { issueTokens: true, failAuthentication: false };
	}
	if (last?.challengeName === 'PASSWORD_VERIFIER' && !last.challengeResult) {
		return { issueTokens: false, failAuthentication: true };
	}
	const tries = req.session.filter((r) => r.challengeName === 'CUSTOM_CHALLENGE').length;
	if (tries >= MAX_ATTEMPTS) return { issueTokens: false, failAuthentication: true };
	return { challengeName: 'CUSTOM_CHALLENGE', issueTokens: false, failAuthentication: false };
}

export function defaultCreate(
	req: ChallengeRequest,
	deliver: (code: string) => void,
): CreateResult {
	const code = randomInt(0, 1_000_000).toString().padStart(6, '0');
	if (!req.userNotFound) deliver(code);
	return {
		publicChallengeParameters: { delivery: 'outbox' },
		privateChallengeParameters: { answer: code },
		challengeMetadata: 'CODE',
	};
}

export function defaultVerify(req: {
	privateChallengeParameters: Record<string, string>;
	challengeAnswer: string;
}): {
	answerCorrect: boolean;
} {
	return {
		answerCorrect: sameSecret(req.challengeAnswer, req.privateChallengeParameters.answer ?? ''),
	};
}

/**
 * LambdaConfig naming the built-in one-time-code triggers: a pool created with it accepts
 * CUSTOM_AUTH, sending a code to the outbox and accepting it as the answer. Pools without
 * custom-auth triggers refuse CUSTOM_AUTH, as the service does.
 */
export const ONE_TIME_CODE_TRIGGERS = {
	DefineAuthChallenge: 'arn:aws:lambda:local:000000000000:function:one-time-code-define',
	CreateAuthChallenge: 'arn:aws:lambda:local:000000000000:function:one-time-code-create',
	VerifyAuthChallengeResponse: 'arn:aws:lambda:local:000000000000:function:one-time-code-verify',
} as const;

export const TRIGGER_NAMES = Object.keys(
	ONE_TIME_CODE_TRIGGERS,
) as (keyof typeof ONE_TIME_CODE_TRIGGERS)[];

/**
 * The custom-auth triggers of a pool: the hooks the server was started with (the developer's
 * own triggers, for every pool), else the built-in ones for a pool whose LambdaConfig names all
 * three. Neither: InvalidParameterException, the service's answer.
 */
export function triggersFor(config: PoolConfig, hooks: CustomAuthHooks): Required<CustomAuthHooks> {
	const started = Object.keys(hooks).length > 0;
	const configured = TRIGGER_NAMES.every((name) => config.LambdaConfig?.[name]);
	if (!started && !configured) {
		throw invalidParameter('Custom auth lambda trigger is not configured for the user pool.');
	}
	return {
		defineAuthChallenge: hooks.defineAuthChallenge ?? defaultDefine,
		createAuthChallenge: hooks.createAuthChallenge ?? defaultCreate,
		verifyAuthChallengeResponse: hooks.verifyAuthChallengeResponse ?? defaultVerify,
	};
}
