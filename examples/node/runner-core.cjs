// Runs every use case in examples/node/use-cases against the configured pool(s) and prints one
// JSON line per use case on stdout: { useCase, title, outcome: ok | failed | skipped, ms, … }.
// Human-readable progress and the examples' own messages go to stderr.
'use strict';

const { readdirSync } = require('node:fs');
const { join } = require('node:path');

const USE_CASE_TIMEOUT_MS = 30000;

function loadUseCases() {
	const dir = join(__dirname, 'use-cases');
	const modules = readdirSync(dir)
		.filter((f) => f.endsWith('.cjs'))
		.sort()
		.map((f) => require(join(dir, f)));
	return [...modules.filter((m) => !m.last), ...modules.filter((m) => m.last)];
}

function fetchKind() {
	const f = globalThis.fetch;
	if (typeof f !== 'function') return 'none';
	return f.polyfill === true ? 'cross-fetch polyfill' : 'native';
}

/**
 * @param {object} options
 * @param {string} options.mode 'cjs' or 'esm'
 * @param {object} options.AmazonCognitoIdentity the package, as the runner loaded it
 * @param {string} options.packagePath where the package resolved from
 * @param {{ reactNative(): Promise<object>, reactNativeStorage(): Promise<object>, promises(): Promise<object> }} options.entries
 * @param {object} options.config see helpers.loadConfig
 * @param {string[]} [options.only] use case ids to run
 * @returns {Promise<number>} the number of failed use cases
 */
async function runAll(options) {
	const { mode, AmazonCognitoIdentity, packagePath, entries, config, only } = options;
	const out = (obj) => process.stdout.write(JSON.stringify(obj) + '\n');
	out({ runner: mode, fetch: fetchKind(), package: packagePath, node: process.version });

	// A callback that throws, or a promise nobody handles, belongs to the running use case.
	let failCurrent = null;
	const onStray = (error) => {
		process.stderr.write(`stray error: ${(error && error.stack) || error}\n`);
		if (failCurrent) failCurrent(error);
	};
	process.on('uncaughtException', onStray);
	process.on('unhandledRejection', onStray);

	const counts = { ok: 0, failed: 0, skipped: 0 };
	for (const useCase of loadUseCases()) {
		if (only && !only.includes(useCase.id)) continue;
		const log = (message) => process.stderr.write(`  [use case ${useCase.id}] ${message}\n`);
		const started = Date.now();
		let timer;
		const line = { useCase: useCase.id, title: useCase.title };
		try {
			const details = await new Promise((resolve, reject) => {
				failCurrent = reject;
				timer = setTimeout(
					() => reject(new Error(`timed out after ${USE_CASE_TIMEOUT_MS} ms`)),
					USE_CASE_TIMEOUT_MS,
				);
				Promise.resolve()
					.then(() => useCase.run(AmazonCognitoIdentity, config, log, entries))
					.then(resolve, reject);
			});
			if (details && details.skipped) {
				line.outcome = 'skipped';
				line.reason = details.skipped;
			} else {
				line.outcome = 'ok';
				line.details = details;
			}
		} catch (error) {
			if (error && error.skip === true) {
				line.outcome = 'skipped';
				line.reason = error.message;
			} else {
				line.outcome = 'failed';
				line.error =
					(error && (error.code ? `${error.code}: ${error.message}` : error.stack)) ||
					String(error);
			}
		} finally {
			clearTimeout(timer);
			failCurrent = null;
		}
		line.ms = Date.now() - started;
		counts[line.outcome]++;
		const mark = { ok: '✓', failed: '✗', skipped: '–' }[line.outcome];
		process.stderr.write(
			`${mark} use case ${useCase.id}: ${useCase.title}` +
				(line.reason ? ` (skipped: ${line.reason})` : '') +
				(line.error ? `\n    ${line.error}` : '') +
				'\n',
		);
		out(line);
	}
	out({ summary: counts });
	process.off('uncaughtException', onStray);
	process.off('unhandledRejection', onStray);
	return counts.failed;
}

/** `--only=4,16-rn` limits a run to some use cases. */
function onlyFromArgv(argv = process.argv.slice(2)) {
	const flag = argv.find((a) => a.startsWith('--only='));
	return flag ? flag.slice('--only='.length).split(',') : undefined;
}

module.exports = { runAll, onlyFromArgv, loadUseCases };
