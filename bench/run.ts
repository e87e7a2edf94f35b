// Entry point of `npm run bench`; each figure's module also runs on its own.
import { runSrpBench } from './srp';

async function main(): Promise<void> {
	await runSrpBench();
}

void main();
