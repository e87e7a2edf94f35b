// Worker thread: the password check's user-dependent modexps, S = (A · v^u)^b mod N, for SrpWorkers.
import { parentPort } from 'node:worker_threads';
import { premasterSecret } from '../srp';

/** A job as SrpWorkers posts it: its id, then A, v, u and b in hex. */
export type SrpJob = [id: number, A: string, v: string, u: string, b: string];

/** The answer to a job: its id and S in hex, or '' when it fails (the caller then computes inline). */
export function srpJob([id, A, v, u, b]: SrpJob): [number, string] {
	const big = (hex: string) => BigInt(`0x${hex}`);
	try {
		return [id, premasterSecret(big(A), big(v), big(u), big(b)).toString(16)];
	} catch {
		return [id, ''];
	}
}

parentPort?.on('message', (job: SrpJob) => parentPort?.postMessage(srpJob(job)));
