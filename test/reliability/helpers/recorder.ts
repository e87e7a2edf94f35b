// Records every callback a library method makes, whatever its style (node callback or a
// callbacks object), so a test can assert that exactly one fired.

export interface Call {
	kind: string;
	failed: boolean;
	args: unknown[];
}

type Member = (...args: unknown[]) => void;

/** Every member of every callbacks object the library takes. */
export interface CallbackMembers {
	onSuccess: Member;
	onFailure: Member;
	newPasswordRequired: Member;
	mfaRequired: Member;
	totpRequired: Member;
	customChallenge: Member;
	mfaSetup: Member;
	selectMFAType: Member;
	associateSecretCode: Member;
}

export class Recorder {
	readonly calls: Call[] = [];
	private waiters: (() => void)[] = [];

	private record(kind: string, failed: boolean, args: unknown[]): void {
		this.calls.push({ kind, failed, args });
		for (const w of this.waiters.splice(0)) w();
	}

	/** A node-style callback `(err, data)`. */
	node(): (...args: unknown[]) => void {
		return (...args) => this.record('callback', args[0] != null, args);
	}

	/** A `signOut`/`revokeTokens` callback `(err?)`. */
	optionalError(): (err?: Error) => void {
		return (err) => this.record('callback', err != null, [err]);
	}

	/** A callbacks object with every member any method may call. */
	object(): CallbackMembers {
		const member =
			(kind: string, failed = false) =>
			(...args: unknown[]) =>
				this.record(kind, failed, args);
		return {
			onSuccess: member('onSuccess'),
			onFailure: member('onFailure', true),
			newPasswordRequired: member('newPasswordRequired'),
			mfaRequired: member('mfaRequired'),
			totpRequired: member('totpRequired'),
			customChallenge: member('customChallenge'),
			mfaSetup: member('mfaSetup'),
			selectMFAType: member('selectMFAType'),
			associateSecretCode: member('associateSecretCode'),
		};
	}

	/** Resolves once the first callback fired, or after `boundMs` (then `calls` is empty). */
	first(boundMs: number): Promise<void> {
		if (this.calls.length) return Promise.resolve();
		return new Promise((resolve) => {
			const timer = setTimeout(resolve, boundMs);
			this.waiters.push(() => {
				clearTimeout(timer);
				resolve();
			});
		});
	}

	/** The error of the first failed call, if any. */
	error(): Error | undefined {
		const failed = this.calls.find((c) => c.failed);
		return failed?.args[0] as Error | undefined;
	}
}

/** Collects uncaught exceptions and unhandled rejections while installed. */
export class ProcessWatch {
	readonly problems: string[] = [];
	private readonly onUncaught = (err: unknown): void => {
		this.problems.push(`uncaughtException: ${String((err as Error)?.stack ?? err)}`);
	};
	private readonly onRejection = (reason: unknown): void => {
		this.problems.push(`unhandledRejection: ${String((reason as Error)?.stack ?? reason)}`);
	};

	start(): this {
		process.on('uncaughtException', this.onUncaught);
		process.on('unhandledRejection', this.onRejection);
		return this;
	}

	stop(): void {
		process.off('uncaughtException', this.onUncaught);
		process.off('unhandledRejection', this.onRejection);
	}
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
