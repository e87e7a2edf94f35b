/**
 * The pool's state as a tracked JSON tree: every write through it (set, delete, array change) is
 * remembered by its path, so that saving costs what changed rather than the whole state.
 *
 * Write the state only through this view. An object put into the tree is tracked from then on
 * only when reached through the view again: a local reference to the object literal that was
 * inserted bypasses the tracking, so re-read it from the state before changing it in a later
 * tick.
 *
 * Plain objects in the tree answer only their own keys: `users['constructor']` is undefined and
 * `users['__proto__'] = u` stores an ordinary entry. Lookups by a caller-chosen key can therefore
 * never reach Object.prototype, whatever the caller forgot.
 */

export type Path = readonly string[];

const SEP = '\u0000';
const RAW = Symbol('raw');

type Node = Record<string | symbol, unknown>;

function isNode(v: unknown): v is Node {
	return typeof v === 'object' && v !== null;
}

function hasOwn(o: object, key: PropertyKey): boolean {
	return Object.prototype.hasOwnProperty.call(o, key);
}

/** Stores `value` as an own data property, even under a key such as "__proto__". */
export function setOwn(target: object, key: string, value: unknown): void {
	Object.defineProperty(target, key, {
		value,
		writable: true,
		enumerable: true,
		configurable: true,
	});
}

/**
 * The plain value to store for `value`. A tracked value (or one nested in a new object) is
 * already somewhere in the tree: it is copied, so that no object lives at two paths — the saved
 * state has two separate copies there, and memory must stay what a reload would produce.
 */
function detach<T>(value: T): T {
	if (!isNode(value)) return value;
	const raw = value[RAW];
	if (raw) return JSON.parse(JSON.stringify(raw)) as T;
	for (const key of Object.keys(value)) {
		const child = value[key];
		const plain = detach(child);
		if (plain !== child) setOwn(value, key, plain);
	}
	return value;
}

export class ChangeTracker<T extends object> {
	/** The tracked view of the state; read and write the state only through it. */
	readonly root: T;
	private readonly dirty = new Map<string, Path>();

	/**
	 * @param raw the plain state (as parsed from JSON); it is written through, never copied.
	 * @param record false when nothing is ever saved, so no paths pile up.
	 */
	constructor(
		readonly raw: T,
		private readonly record = true,
	) {
		this.root = this.view(raw, []);
	}

	/** The minimal set of changed paths since the last call (a changed parent covers its children). */
	takeChanges(): Path[] {
		const all = [...this.dirty.values()].sort((a, b) => a.length - b.length);
		this.dirty.clear();
		const kept = new Set<string>();
		const out: Path[] = [];
		for (const path of all) {
			let covered = false;
			for (let i = 1; i < path.length && !covered; i++) {
				covered = kept.has(path.slice(0, i).join(SEP));
			}
			if (covered) continue;
			kept.add(path.join(SEP));
			out.push(path);
		}
		return out;
	}

	/** Marks paths changed again, e.g. after a save of them failed. */
	restore(paths: Path[]): void {
		for (const path of paths) this.mark(path);
	}

	private mark(path: Path): void {
		if (this.record) this.dirty.set(path.join(SEP), path);
	}

	private view<V extends object>(target: V, path: Path): V {
		const isArray = Array.isArray(target);
		// Each child's view, made once while the child stays the same object.
		const children = new Map<string, { of: object; view: object }>();
		const child = (prop: string, value: unknown): unknown => {
			if (!isNode(value)) return value;
			const known = children.get(prop);
			if (known?.of === value) return known.view;
			const made = this.view(value, [...path, prop]);
			children.set(prop, { of: value, view: made });
			return made;
		};
		// An array is saved whole: its elements have no identity of their own.
		const changed = (prop: string) => {
			children.delete(prop);
			this.mark(isArray ? path : [...path, prop]);
		};
		return new Proxy(target, {
			get: (t, prop, receiver) => {
				if (prop === RAW) return t;
				if (typeof prop === 'symbol') return Reflect.get(t, prop, receiver);
				if (isArray) {
					// Methods and length come from the array as usual; only its own entries are state.
					const v: unknown = Reflect.get(t, prop, receiver);
					return hasOwn(t, prop) ? child(prop, v) : v;
				}
				return hasOwn(t, prop) ? child(prop, (t as Node)[prop]) : undefined;
			},
			has: (t, prop) => (isArray || typeof prop === 'symbol' ? prop in t : hasOwn(t, prop)),
			set: (t, prop, value) => {
				if (typeof prop === 'symbol') return false;
				const raw = detach(value);
				if (isArray && prop === 'length') Reflect.set(t, prop, raw);
				else setOwn(t, prop, raw);
				changed(prop);
				return true;
			},
			deleteProperty: (t, prop) => {
				if (typeof prop === 'symbol') return false;
				const done = Reflect.deleteProperty(t, prop);
				changed(prop);
				return done;
			},
			defineProperty: (t, prop, descriptor) => {
				if (typeof prop === 'symbol') return false;
				const done = Reflect.defineProperty(
					t,
					prop,
					'value' in descriptor ? { ...descriptor, value: detach(descriptor.value) } : descriptor,
				);
				changed(prop);
				return done;
			},
		});
	}
}

/** The value at `path` in a plain tree, or undefined when any step is missing. */
export function valueAt(root: unknown, path: Path): unknown {
	let node = root;
	for (const key of path) {
		if (!isNode(node) || !hasOwn(node, key)) return undefined;
		node = node[key];
	}
	return node;
}

/** Applies one saved change to a plain tree; a change under a vanished parent is dropped. */
export function applyChange(root: object, path: Path, value: unknown): void {
	const parent = valueAt(root, path.slice(0, -1));
	const key = path[path.length - 1];
	if (!isNode(parent) || key === undefined) return;
	if (value === undefined) delete parent[key];
	else setOwn(parent, key, value);
}
