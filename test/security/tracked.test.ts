import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChangeTracker, type Path, applyChange, valueAt } from '../../server/tracked';

type Tree = Record<string, unknown>;

/** A JSON text with keys sorted, so that two trees compare equal whatever their key order. */
function canonical(v: unknown): string {
	if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
	if (typeof v === 'object' && v !== null) {
		const keys = Object.keys(v).sort();
		return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((v as Tree)[k])}`).join(',')}}`;
	}
	return JSON.stringify(v) ?? 'null';
}

/** Every object reachable from `node`, as the tracked views the server code would hold. */
function nodes(node: object, out: object[] = []): object[] {
	out.push(node);
	for (const child of Object.values(node)) {
		if (typeof child === 'object' && child !== null) nodes(child, out);
	}
	return out;
}

const KEYS = ['a', 'b', 'users', '0', '__proto__', 'constructor', 'toString'];

const op = fc.record({
	kind: fc.constantFrom('set', 'setNode', 'delete', 'push', 'save'),
	node: fc.nat(),
	other: fc.nat(),
	stale: fc.boolean(),
	key: fc.constantFrom(...KEYS),
	value: fc.jsonValue({ maxDepth: 2 }),
});

describe('tracked state: what is saved is what is in memory', () => {
	it('replaying the saved changes on the start state gives the state in memory, whatever was written', () => {
		fc.assert(
			fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
				const start: Tree = { a: { x: 1, list: [1, { y: 2 }] }, users: { bob: { n: 1 } } };
				const tracker = new ChangeTracker<Tree>(JSON.parse(JSON.stringify(start)) as Tree);
				const seen: object[] = [];
				const saved: [Path, unknown][] = [];
				const save = () => {
					for (const path of tracker.takeChanges()) {
						const value = valueAt(tracker.raw, path);
						saved.push([path, value === undefined ? undefined : JSON.parse(JSON.stringify(value))]);
					}
				};
				for (const o of ops) {
					const live = nodes(tracker.root);
					seen.push(...live);
					// A stale view: one read earlier, whose object may since have moved or gone.
					const pool = o.stale ? seen : live;
					const target = pool[o.node % pool.length] as Tree;
					if (o.kind === 'save') save();
					else if (o.kind === 'set') target[o.key] = o.value;
					else if (o.kind === 'setNode') target[o.key] = pool[o.other % pool.length];
					else if (o.kind === 'delete') delete target[o.key];
					else if (Array.isArray(target)) target.push(o.value);
				}
				save();
				const replayed = JSON.parse(JSON.stringify(start)) as Tree;
				for (const [path, value] of saved) applyChange(replayed, path, value);
				// Memory as its JSON says (a hole in an array reads back as null, as from any save).
				expect(canonical(replayed)).toBe(canonical(JSON.parse(JSON.stringify(tracker.raw))));
			}),
			{ numRuns: 300 },
		);
	});

	it('prototype names are own keys: absent until set, stored as data, never the prototype', () => {
		const tracker = new ChangeTracker<Tree>({ users: {} });
		const users = tracker.root.users as Tree;
		expect(users.constructor).toBeUndefined();
		expect(users.__proto__).toBeUndefined();
		expect('toString' in users).toBe(false);
		users.__proto__ = { name: 'proto' };
		expect(Object.getPrototypeOf(tracker.raw.users)).toBe(Object.prototype);
		expect(Object.keys(users)).toEqual(['__proto__']);
		expect(JSON.stringify(tracker.raw)).toBe('{"users":{"__proto__":{"name":"proto"}}}');
		expect(tracker.takeChanges()).toEqual([['users', '__proto__']]);
	});
});
