// Figure 3: gzip -9 size of the minified browser bundle, ours against the original's.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const require = createRequire(__filename);

/** Issue target: ours at most 60 % of the original's gzip -9 size. */
export const SIZE_TARGET = 0.6;

export interface SizeFigures {
	oursRaw: number;
	oursGzip: number;
	originalRaw: number;
	originalGzip: number;
	ratio: number;
}

/** `gzip -9c` as the figure is defined; zlib (a few bytes apart) where gzip is missing. */
function gzipSize(bytes: Buffer): number {
	try {
		return execFileSync('gzip', ['-9c'], { input: bytes, maxBuffer: 1 << 26 }).length;
	} catch {
		return gzipSync(bytes, { level: 9 }).length;
	}
}

/** Measures dist/amazon-cognito-identity.min.js (run `npm run build` first). */
export function measureBundleSize(): SizeFigures {
	const ours = readFileSync(join(__dirname, '..', 'dist', 'amazon-cognito-identity.min.js'));
	const originalPath = join(
		require.resolve('original-cognito/package.json'),
		'..',
		'dist',
		'amazon-cognito-identity.min.js',
	);
	const original = readFileSync(originalPath);
	const oursGzip = gzipSize(ours);
	const originalGzip = gzipSize(original);
	return {
		oursRaw: ours.length,
		oursGzip,
		originalRaw: original.length,
		originalGzip,
		ratio: oursGzip / originalGzip,
	};
}

if (require.main === module) {
	const f = measureBundleSize();
	console.log(
		`min.js gzip -9: ours ${f.oursGzip} B (raw ${f.oursRaw} B), original ${f.originalGzip} B (raw ${f.originalRaw} B), ratio ${f.ratio.toFixed(3)} (target <= ${SIZE_TARGET.toFixed(2)})`,
	);
}
