import { Worker } from 'node:worker_threads';

/** A precomputed server secret b and g^b mod N. */
export interface Ephemeral {
	b: bigint;
	gb: bigint;
}

// Plain JS run with `eval`, so it works the same under tsx, vitest and compiled builds.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createDiffieHellman, randomBytes } = require('node:crypto');
const dh = createDiffieHellman(Buffer.from(workerData.n, 'hex'), Buffer.from([2]));
parentPort.on('message', (count) => {
	const out = [];
	for (let i = 0; i < count; i++) {
		const b = randomBytes(32);
		dh.setPrivateKey(b);
		out.push([b.toString('hex'), dh.generateKeys('hex')]);
	}
	parentPort.postMessage(out);
});
`;

/**
 * g^b does not depend on the user, so a worker thread computes a stock of (b, g^b) pairs on the
 * other core; each PASSWORD_VERIFIER challenge then costs the event loop one modexp less.
 * When the stock runs out the caller computes inline, so the pool only ever saves time.
 */
export class EphemeralPool {
	private readonly stock: Ephemeral[] = [];
	private readonly worker: Worker;
	private pending = false;

	constructor(
		nHex: string,
		private readonly target = 256,
	) {
		this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { n: nHex } });
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
