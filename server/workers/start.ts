import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

// A worker runs a module of this folder. Under tsx, vitest or any other TypeScript runner the
// module is still a .ts file, which a bare worker cannot load, so the worker first registers
// tsx's CommonJS hook; a compiled build's .js modules load without it.
const BOOT = `
const { workerData } = require('node:worker_threads');
if (workerData.loader) require(workerData.loader);
require(workerData.entry);
`;

/** Starts `server/workers/<name>` on a worker thread. */
export function startWorker(name: string): Worker {
	const ext = __filename.endsWith('.ts') ? '.ts' : '.js';
	const entry = join(__dirname, `${name}${ext}`);
	const loader = ext === '.ts' ? createRequire(__filename).resolve('tsx/cjs') : undefined;
	return new Worker(BOOT, { eval: true, workerData: { entry, loader } });
}
