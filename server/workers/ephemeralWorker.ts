// Worker thread: a stock of server ephemerals (b, g^b mod N) for EphemeralPool.
import { randomBytes } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { EPHEMERAL_BYTES, GeneratorTable } from '../generatorTable';

let table: GeneratorTable | undefined;

/** `count` fresh pairs [b, g^b mod N], in hex; the table is built on the first call. */
export function ephemerals(count: number): [string, string][] {
	table ??= new GeneratorTable();
	const out: [string, string][] = [];
	for (let n = 0; n < count; n++) {
		const b = randomBytes(EPHEMERAL_BYTES);
		out.push([b.toString('hex'), table.pow(b).toString(16)]);
	}
	return out;
}

parentPort?.on('message', (count: number) => parentPort?.postMessage(ephemerals(count)));
