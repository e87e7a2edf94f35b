// Worker thread: the password check's user-dependent modexps, S = (A · v^u)^b mod N, for SrpWorkers.
import { parentPort } from 'node:worker_threads';
import { premasterSecret } from '../srp';

type Job = [id: number, A: string, v: string, u: string, b: string];

parentPort?.on('message', ([id, A, v, u, b]: Job) => {
	const big = (hex: string) => BigInt(`0x${hex}`);
	let S = '';
	try {
		S = premasterSecret(big(A), big(v), big(u), big(b)).toString(16);
	} catch {
		// The caller computes inline when the answer is empty.
	}
	parentPort?.postMessage([id, S]);
});
