// The written rules that ESLint enforces (eslint.config.js): Node's modules and `Buffer` only in
// the platform seams of src/, and type-aware rules on src/. Linted as if the text were a real
// file of src/, so a change of the configuration that drops a rule fails here.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/pack';

const eslint = new ESLint({ cwd: ROOT });

async function ruleIds(filePath: string, code: string): Promise<string[]> {
	const [result] = await eslint.lintText(code, { filePath: `${ROOT}/${filePath}` });
	return (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

const NODE_ONLY = [
	"import { createHash } from 'node:crypto';",
	"import { readFileSync } from 'fs';",
	"import * as crypto from 'crypto';",
	'export const bytes = Buffer.from("x");',
	'export const B = globalThis.Buffer;',
	'export const use = [createHash, readFileSync, crypto];',
].join('\n');

describe('lint rules of src/', () => {
	it('rejects Node modules and Buffer outside the platform seams', async () => {
		expect(await ruleIds('src/DateHelper.ts', NODE_ONLY)).toEqual([
			'no-restricted-imports',
			'no-restricted-imports',
			'no-restricted-imports',
			'no-restricted-globals',
			'no-restricted-properties',
		]);
	});

	it('allows them in a platform seam', async () => {
		expect(await ruleIds('src/utils/fastModPow.ts', NODE_ONLY)).toEqual([]);
	});

	it('applies type-aware rules', async () => {
		const code = 'export function start(p: Promise<void>): void {\n\tp.then(() => undefined);\n}\n';
		expect(await ruleIds('src/DateHelper.ts', code)).toEqual([
			'@typescript-eslint/no-floating-promises',
		]);
	});
});
