import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { N, type ServerEphemeral, computeU, hkdf, padBytes, serverKey } from './srp';
import { startWorker } from './workers/start';

interface Lane {
	worker: Worker;
	busy: number;
	broken: boolean;
}

/**
 * The password check's two modexps (srp.ts premasterSecret, run by workers/srpWorker.ts) on
 * worker threads, so that the event loop only parses, hashes and answers while every core does
 * the big-number work. Same result as {@link serverKey}; anything unusual (a degenerate value,
 * a failed worker) is computed inline by serverKey itself, so the workers only ever save time.
 */
export class SrpWorkers {
	private readonly lanes: Lane[] = [];
	private readonly pending = new Map<number, (S: string) => void>();
	private nextId = 0;
	private closed = false;

	constructor(private readonly size = Math.max(1, Math.min(4, availableParallelism()))) {}

	/** Threads start on the first password check, so pools that never see one cost nothing. */
	private start(): void {
		for (let i = 0; i < this.size; i++) {
			const worker = startWorker('srpWorker');
			const lane: Lane = { worker, busy: 0, broken: false };
			worker.unref();
			worker.on('message', ([id, S]: [number, string]) => {
				lane.busy--;
				const done = this.pending.get(id);
				this.pending.delete(id);
				done?.(S);
			});
			worker.on('error', () => {
				lane.broken = true;
			});
			worker.on('exit', () => {
				lane.broken = true;
				// Jobs in flight on a dead worker are answered inline by their callers.
				for (const [id, done] of this.pending) {
					if ((id & 0xff) === i) {
						this.pending.delete(id);
						done('');
					}
				}
			});
			this.lanes.push(lane);
		}
	}

	/** {@link serverKey}, with the modexps on the least busy worker. */
	async serverKey(A: bigint, eph: ServerEphemeral, verifier: bigint): Promise<Buffer | undefined> {
		if (A % N === 0n) return undefined;
		const u = computeU(A, eph.B);
		if (u === 0n) return undefined;
		if (this.lanes.length === 0 && !this.closed) this.start();
		let index = -1;
		for (let i = 0; i < this.lanes.length; i++) {
			const lane = this.lanes[i] as Lane;
			if (!lane.broken && (index < 0 || lane.busy < (this.lanes[index] as Lane).busy)) index = i;
		}
		const lane = this.lanes[index];
		if (!lane) return serverKey(A, eph, verifier);
		// The low byte of the id names the lane, so a dying worker can release its own jobs.
		const id = ((this.nextId = (this.nextId + 1) & 0x7fffff) << 8) | index;
		const S = await new Promise<string>((resolve) => {
			this.pending.set(id, resolve);
			lane.busy++;
			lane.worker.postMessage([
				id,
				A.toString(16),
				verifier.toString(16),
				u.toString(16),
				eph.b.toString(16),
			]);
		});
		if (!S) return serverKey(A, eph, verifier);
		return hkdf(padBytes(BigInt(`0x${S}`)), padBytes(u));
	}

	close(): Promise<unknown> {
		this.closed = true;
		return Promise.all(this.lanes.map((lane) => lane.worker.terminate()));
	}
}
