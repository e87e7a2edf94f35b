import { Worker } from 'node:worker_threads';

/** A precomputed server secret b and g^b mod N. */
export interface Ephemeral {
	b: bigint;
	gb: bigint;
}

// Plain JS run with `eval`, so it works the same under tsx, vitest and compiled builds.
// g is fixed, so g^b comes from a comb table: row i holds g^(j·256^i) for every byte value j,
// and g^b is the product of one entry per byte of b (at most 31 multiplications instead of a
// 256-bit modexp; about half of OpenSSL's time, for a 3 MB table built in ~60 ms).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { randomBytes } = require('node:crypto');
const N = BigInt('0x' + workerData.n);
const BYTES = 32;
const table = [];
for (let i = 0, base = 2n; i < BYTES; i++) {
	const row = [1n];
	for (let j = 1; j < 256; j++) row.push((row[j - 1] * base) % N);
	table.push(row);
	base = (row[255] * base) % N;
}
parentPort.on('message', (count) => {
	const out = [];
	for (let n = 0; n < count; n++) {
		const b = randomBytes(BYTES);
		let gb = 1n;
		for (let i = 0; i < BYTES; i++) {
			const digit = b[BYTES - 1 - i];
			if (digit) gb = gb === 1n ? table[i][digit] : (gb * table[i][digit]) % N;
		}
		out.push([b.toString('hex'), gb.toString(16)]);
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
