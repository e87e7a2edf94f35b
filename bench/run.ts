// Entry point of `npm run bench`: the five figures, each against the original 6.3.21 measured in
// the same run, then one summary table. Each figure's module also runs on its own.
//   --no-load   skip the reliability load run (bench/load.ts, 30 s by default)
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runBrowserBench, printBrowser, BROWSER_TARGET } from './browser';
import { type Figure, ensureBuilt } from './common';
import { runDeviceLoginBench, printDeviceLogin, DEVICE_TARGET } from './deviceLogin';
import { runServerLoadBench, printServerLoad, SERVER_TARGET } from './serverLoad';
import { SIZE_TARGET, measureBundleSize } from './size';
import { runSrpBench } from './srp';

const SRP_TARGET = 0.1;

function section(title: string): void {
	console.log(`\n== ${title}`);
}

/** Runs the reliability colleague's bench/load.ts when present; resolves with a summary line. */
async function runLoad(): Promise<string> {
	section('reliability load (bench/load.ts)');
	if (!existsSync(join(__dirname, 'load.ts'))) return 'skipped: bench/load.ts does not exist yet';
	const mod = (await import('./load' as string)) as { runLoadBench?: unknown };
	if (typeof mod.runLoadBench !== 'function') {
		return 'skipped: bench/load.ts does not export runLoadBench';
	}
	const result = (await (mod.runLoadBench as (opts: object) => Promise<unknown>)({})) as Record<
		string,
		unknown
	> | null;
	if (result === null || typeof result !== 'object') return 'done';
	console.log(JSON.stringify(result, null, 2));
	const { logins, loginsPerSecond, errors, p99Ms } = result;
	return typeof loginsPerSecond === 'number'
		? `${String(logins)} logins, ${loginsPerSecond.toFixed(0)}/s, p99 ${String(p99Ms)} ms, ${String(errors)} errors`
		: 'done';
}

async function main(): Promise<void> {
	const args = new Set(process.argv.slice(2));
	ensureBuilt();
	const figures: Figure[] = [];
	const fmt = (n: number, digits = 2): string => n.toFixed(digits);

	section('1. SRP client login CPU, Node');
	const srp = await runSrpBench();
	figures.push({
		name: '1 SRP login CPU, Node (ms)',
		ours: fmt(srp.ours),
		original: fmt(srp.original),
		value: srp.ours / srp.original,
		target: `<= ${SRP_TARGET}`,
		pass: srp.ours / srp.original <= SRP_TARGET,
		note: `pure path ${fmt(srp.pure)} ms`,
	});

	section('2. SRP client login CPU, Chromium');
	const browser = await runBrowserBench();
	printBrowser(browser);
	figures.push(
		browser
			? {
					name: '2 SRP login, Chromium (ms)',
					ours: fmt(browser.ours),
					original: fmt(browser.original),
					value: browser.ratio,
					target: `<= ${BROWSER_TARGET}`,
					pass: browser.ratio <= BROWSER_TARGET && browser.agree,
					note: browser.agree ? undefined : 'keys differ',
				}
			: {
					name: '2 SRP login, Chromium (ms)',
					ours: '-',
					original: '-',
					value: Number.NaN,
					target: `<= ${BROWSER_TARGET}`,
					pass: false,
					note: 'skipped: no Chromium',
				},
	);

	section('3. min.js size, gzip -9');
	const size = measureBundleSize();
	console.log(
		`ours ${size.oursGzip} B (raw ${size.oursRaw} B), original ${size.originalGzip} B (raw ${size.originalRaw} B)`,
	);
	figures.push({
		name: '3 min.js gzip -9 (B)',
		ours: String(size.oursGzip),
		original: String(size.originalGzip),
		value: size.ratio,
		target: `<= ${SIZE_TARGET}`,
		pass: size.ratio <= SIZE_TARGET,
	});

	section('4. SRP + device login wall time against server/');
	const device = await runDeviceLoginBench();
	printDeviceLogin(device);
	figures.push({
		name: '4 SRP+device login (ms)',
		ours: fmt(device.ours, 1),
		original: fmt(device.original, 1),
		value: device.ratio,
		target: `<= ${DEVICE_TARGET}`,
		pass: device.ratio <= DEVICE_TARGET,
	});

	section('5. server/ SRP logins per second');
	const load = await runServerLoadBench();
	printServerLoad(load);
	figures.push({
		name: '5 server/ SRP logins/s',
		ours: fmt(load.perSecond, 0),
		original: '-',
		value: load.perSecond,
		target: `>= ${SERVER_TARGET}, 0 errors`,
		pass: load.perSecond >= SERVER_TARGET && load.errors === 0,
		note: `${load.errors} errors; server ${load.serverCpuMs?.toFixed(2) ?? '?'} ms CPU/login`,
	});

	const loadSummary = args.has('--no-load') ? 'skipped: --no-load' : await runLoad();

	section('Summary (ratios are ours/original, measured in this run)');
	const header = ['figure', 'ours', 'original', 'ratio / value', 'target', 'result', 'note'];
	const rows = figures.map((f) => [
		f.name,
		f.ours,
		f.original,
		Number.isNaN(f.value) ? '-' : f.name.startsWith('5') ? fmt(f.value, 0) : fmt(f.value, 3),
		f.target,
		f.pass ? 'PASS' : 'FAIL',
		f.note ?? '',
	]);
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
	const line = (cells: string[]): string =>
		`| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
	console.log(line(header));
	console.log(line(widths.map((w) => '-'.repeat(w))));
	for (const row of rows) console.log(line(row));
	console.log(`reliability load (bench/load.ts): ${loadSummary}`);
	if (figures.some((f) => !f.pass)) process.exitCode = 1;
}

main().catch((e: unknown) => {
	console.error(e);
	process.exitCode = 1;
});
