// Helpers shared by the bench figures: statistics and the build (test/helpers/pack.ts). The
// child-process server comes from test/helpers/localPool.ts.
import { join } from 'node:path';

export const ROOT = join(__dirname, '..');

/** Median of a sample (mean of the two middle values for an even count). */
export function median(samples: readonly number[]): number {
	const s = [...samples].sort((x, y) => x - y);
	const n = s.length;
	if (n === 0) return Number.NaN;
	return ((s[(n - 1) >> 1] as number) + (s[n >> 1] as number)) / 2;
}

export { ensureBuilt } from '../test/helpers/pack';

/** One line of the final summary table. */
export interface Figure {
	name: string;
	ours: string;
	original: string;
	value: number;
	target: string;
	pass: boolean;
	note?: string;
}
