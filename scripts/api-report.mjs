// The public-API report: API Extractor reads the built declarations of each entry point and
// writes what they publish to etc/<name>.api.md, so that every change of the public surface
// shows in review.
//   node scripts/api-report.mjs          (npm run api)  rewrites the reports
//   node scripts/api-report.mjs --check  (npm test)     fails if a report differs from the build
// Both need the build (npm run build) first.
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ENTRIES = [
	{ name: 'amazon-cognito-identity-js', types: 'lib/index.d.ts' },
	{ name: 'amazon-cognito-identity-js-internals', types: 'lib/internals/index.d.ts' },
	{ name: 'amazon-cognito-identity-js-promises', types: 'lib/promises/index.d.ts' },
];
const check = process.argv.includes('--check');
const scratch = mkdtempSync(join(tmpdir(), 'cognito-api-report-'));
if (!check) mkdirSync(join(ROOT, 'etc'), { recursive: true });

function configFor(entry) {
	return ExtractorConfig.prepare({
		configObjectFullPath: undefined,
		packageJsonFullPath: join(ROOT, 'package.json'),
		configObject: {
			projectFolder: ROOT,
			mainEntryPointFilePath: join(ROOT, entry.types),
			compiler: { tsconfigFilePath: join(ROOT, 'tsconfig.build.json') },
			apiReport: {
				enabled: true,
				reportFileName: entry.name,
				reportFolder: join(ROOT, 'etc'),
				reportTempFolder: scratch,
				includeForgottenExports: true,
			},
			docModel: { enabled: false },
			dtsRollup: { enabled: false },
			tsdocMetadata: { enabled: false },
			messages: {
				// Findings about the surface (a type used but not exported, say) are written into
				// the report itself, where a reviewer sees them; only a broken build of the report
				// stops the run. Release tags (@public, @beta) are not used by this package.
				extractorMessageReporting: {
					default: { logLevel: 'none', addToApiReportFile: true },
					'ae-missing-release-tag': { logLevel: 'none', addToApiReportFile: false },
					// The report marks each such member `(undocumented)` already.
					'ae-undocumented': { logLevel: 'none', addToApiReportFile: false },
				},
				tsdocMessageReporting: { default: { logLevel: 'none' } },
				compilerMessageReporting: { default: { logLevel: 'error' } },
			},
		},
	});
}

let failed = false;
try {
	for (const entry of ENTRIES) {
		if (!existsSync(join(ROOT, entry.types))) {
			throw new Error(`${entry.types} is missing: run \`npm run build\` first`);
		}
		const result = Extractor.invoke(configFor(entry), {
			localBuild: !check,
			showVerboseMessages: false,
		});
		if (check && result.apiReportChanged) {
			// Show the change here: the temporary report is gone once this script ends.
			spawnSync(
				'diff',
				['-u', join(ROOT, 'etc', `${entry.name}.api.md`), join(scratch, `${entry.name}.api.md`)],
				{ stdio: 'inherit' },
			);
			console.error(
				`api-report: the public API of ${entry.types} differs from etc/${entry.name}.api.md.\n` +
					'  If the change is intended, run `npm run build && npm run api` and commit the report.',
			);
			failed = true;
		} else if (!result.succeeded) {
			console.error(`api-report: API Extractor failed on ${entry.types}`);
			failed = true;
		} else if (result.apiReportChanged) {
			console.log(`api-report: etc/${entry.name}.api.md updated`);
		}
	}
} finally {
	rmSync(scratch, { recursive: true, force: true });
}
if (failed) process.exit(1);
if (check) console.log('api-report: etc/*.api.md match the build');
