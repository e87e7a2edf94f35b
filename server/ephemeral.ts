import type { Worker } from 'node:worker_threads';
import { startWorker } from './workers/start';

/** A precomputed server secret b and g^b mod N. */
export interface Ephemeral {
	b: bigint;
	gb: bigint;
}

/**
 * g^b does not depend on the user, so a worker thread (workers/ephemeralWorker.ts) computes a stock of (b, g^b) pairs on the
 * other core; each PASSWORD_VERIFIER challenge then costs the event loop one modexp less.
 * When the stock runs out the caller computes inline, so the pool only ever saves time.
 */
export class EphemeralPool {
	private readonly stock: Ephemeral[] = [];
	private readonly worker: Worker;
	private pending = false;

	constructor(private readonly target = 256) {
		this.worker = startWorker('ephemeralWorker');
		this.worker.unref();
		this.worker.on('message', (pairs: [string, string][]) => {
			this.pending = false;
			for (const [b, gb] of pairs) this.stock.push({ b: BigInt('0x' + b), gb: BigInt('0x' + gb) });
			this.refill();
		});
		// A failed worker only costs speed: take() keeps returning undefined.
		this.worker.on('error', () => undefined);
		this.refill();
	}

	take(): Ephemeral | undefined {
		const e = this.stock.pop();
		this.refill();
		return e;
	}

	private refill(): void {
		if (this.pending || this.stock.length >= this.target) return;
		this.pending = true;
		this.worker.postMessage(64);
	}

	close(): Promise<number> {
		return this.worker.terminate();
	}
}
