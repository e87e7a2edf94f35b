// The published declarations of CognitoUser and CognitoUserPool declare no field the original's
// index.d.ts did not: an app's `interface X extends CognitoUser { username?: string }` must keep
// compiling. The fields stay real at runtime; `@internal` keeps them out of the .d.ts, as
// tsconfig.build.json's `stripInternal` does for the build.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);

/** Names of the properties (not methods) declared by the class named `name` in `source`. */
function declaredFields(source: string, fileName: string, name: string | 'default'): string[] {
	const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
	const fields: string[] = [];
	const visit = (node: ts.Node): void => {
		if (ts.isClassDeclaration(node)) {
			const isDefault = node.modifiers?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
			if (name === 'default' ? isDefault : node.name?.text === name) {
				for (const member of node.members) {
					if (ts.isPropertyDeclaration(member)) fields.push(member.name.getText(file));
				}
			}
		}
		ts.forEachChild(node, visit);
	};
	visit(file);
	return fields;
}

const originalTypings = readFileSync(require.resolve('original-cognito/index.d.ts'), 'utf8');

// Fields the original's README tells apps to use although its typings lack them: React Native
// apps call `userPool.storage.sync()` before `getCurrentUser()`.
const DOCUMENTED_BY_README: Record<string, string[]> = { CognitoUserPool: ['storage'] };

describe.each(['CognitoUser', 'CognitoUserPool'])('the published %s declaration', (name) => {
	const path = `src/${name}.ts`;
	const published = ts.transpileDeclaration(readFileSync(path, 'utf8'), {
		fileName: path,
		compilerOptions: { stripInternal: true },
	}).outputText;

	it('declares only fields the original declared', () => {
		const theirs = declaredFields(originalTypings, 'index.d.ts', name);
		const ours = declaredFields(published, `${name}.d.ts`, 'default');
		const allowed = [...theirs, ...(DOCUMENTED_BY_README[name] ?? [])];
		expect(ours.filter((field) => !allowed.includes(field))).toEqual([]);
	});

	it('still declares the methods (the check looks at the right class)', () => {
		expect(published).toMatch(/\n\s+getUsername\(\): string;|\n\s+getClientId\(\): string;/);
	});
});
