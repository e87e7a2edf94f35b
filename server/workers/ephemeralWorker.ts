// Worker thread: a stock of server ephemerals (b, g^b mod N) for EphemeralPool.
import { randomBytes } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { EPHEMERAL_BYTES, GeneratorTable } from '../generatorTable';

const table = new GeneratorTable();

parentPort?.on('message', (count: number) => {
	const out: [string, string][] = [];
	for (let n = 0; n < count; n++) {
		const b = randomBytes(EPHEMERAL_BYTES);
		out.push([b.toString('hex'), table.pow(b).toString(16)]);
	}
	parentPort?.postMessage(out);
});
