import { randomInt } from 'node:crypto';
import type { CustomRound } from './sessions';

/** What a Define/Create/Verify trigger sees, modelled on the Lambda events' `request`. */
export interface ChallengeRequest {
	userPoolId: string;
	userName: string;
	userAttributes: Record<string, string>;
	session: CustomRound[];
	clientMetadata: Record<string, string>;
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
	_req: ChallengeRequest,
	deliver: (code: string) => void,
): CreateResult {
	const code = randomInt(0, 1_000_000).toString().padStart(6, '0');
	deliver(code);
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
	return { answerCorrect: req.challengeAnswer === req.privateChallengeParameters.answer };
}
