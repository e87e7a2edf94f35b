import { randomUUID } from 'node:crypto';
import {
	closeSync,
	existsSync,
	fchmodSync,
	fstatSync,
	fsyncSync,
	ftruncateSync,
	openSync,
	readFileSync,
	renameSync,
	writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { type Path, applyChange, valueAt } from './tracked';

/**
 * The `--state` files: FILE holds a snapshot of the whole state, FILE.journal the changes made
 * since, one line per saved request. A reply goes out only after its line is written and
 * fsync'd; the journal is folded into a new snapshot once it outgrows the snapshot, so that a
 * save costs the size of the change and the snapshot's rewrite is paid for by the changes that
 * came before it. Both files are private to their owner (0600): they hold password verifiers,
 * refresh tokens and TOTP secrets.
 *
 * A snapshot names its journal by a random id on the journal's first line; a journal with
 * another id predates the snapshot (a crash between the two renames) and is ignored.
 */

const MODE = 0o600;
/** Below this the journal is never folded; folding a small state often would buy nothing. */
const MIN_FOLD_BYTES = 1024 * 1024;

interface Snapshot {
	journal?: string;
	[key: string]: unknown;
}

interface JournalHeader {
	snapshot: string;
}

/** A change as written to the journal: the path and its new value, or the path alone for a removal. */
type Change = [Path, unknown] | [Path];

function writeAll(fd: number, text: string): void {
	const bytes = Buffer.from(text, 'utf8');
	let done = 0;
	while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
}

/** Makes a rename (or a new file) in `dir` itself durable; not every platform can sync a directory. */
function syncDir(dir: string): void {
	let fd: number | undefined;
	try {
		fd = openSync(dir, 'r');
		fsyncSync(fd);
	} catch {
		// Windows cannot open a directory; its renames are as durable as it makes them.
	} finally {
		if (fd !== undefined) closeSync(fd);
	}
}

/** Writes `text` to `file` whole or not at all: temporary file, fsync, rename, fsync the directory. */
function replaceFile(file: string, text: string): void {
	const tmp = `${file}.tmp-${process.pid}`;
	const fd = openSync(tmp, 'w', MODE);
	try {
		fchmodSync(fd, MODE);
		writeAll(fd, text);
		fsyncSync(fd);
	} finally {
		closeSync(fd);
	}
	renameSync(tmp, file);
	syncDir(dirname(file));
}

function parseLine(line: string): unknown {
	try {
		return JSON.parse(line) as unknown;
	} catch {
		return undefined;
	}
}

export class StateStore {
	private fd: number | undefined;
	private journalBytes = 0;
	private snapshotBytes = 0;

	private constructor(private readonly file: string) {}

	/**
	 * Loads the state from the snapshot and its journal (a torn last line, left by a crash in the
	 * middle of a write that was never acknowledged, is dropped), then starts a fresh journal.
	 * A file that cannot be read as state is reported, never replaced.
	 */
	static open<T extends object>(file: string, empty: () => T): { store: StateStore; state: T } {
		const snapshot: Snapshot = existsSync(file)
			? (JSON.parse(readFileSync(file, 'utf8')) as Snapshot)
			: {};
		const { journal: journalId, ...state } = snapshot;
		const journalFile = `${file}.journal`;
		if (journalId !== undefined && existsSync(journalFile)) {
			replay(state, journalFile, journalId);
		}
		const loaded = { ...empty(), ...state } as T;
		const store = new StateStore(file);
		store.fold(loaded);
		return { store, state: loaded };
	}

	/**
	 * Appends the values now at `paths` as one journal line and fsyncs it. Returns the paths whose
	 * values cannot be serialised (they are left out); throws when the disk refuses the write,
	 * leaving the journal as it was.
	 */
	save(state: object, paths: Path[]): Path[] {
		// A fold that failed half-way left no journal: start one (the snapshot then holds everything).
		if (this.fd === undefined) this.fold(state);
		const fd = this.fd;
		if (fd === undefined) throw new Error(`${this.file}.journal could not be opened`);
		const parts: string[] = [];
		const unsaved: Path[] = [];
		for (const path of paths) {
			const value = valueAt(state, path);
			const change: Change = value === undefined ? [path] : [path, value];
			try {
				parts.push(JSON.stringify(change));
			} catch {
				unsaved.push(path);
			}
		}
		if (parts.length === 0) return unsaved;
		const line = `[${parts.join(',')}]\n`;
		try {
			writeAll(fd, line);
			fsyncSync(fd);
		} catch (e) {
			// A half-written line would hide every later one from the next load.
			ftruncateSync(fd, this.journalBytes);
			throw e;
		}
		this.journalBytes += Buffer.byteLength(line);
		if (this.journalBytes > Math.max(MIN_FOLD_BYTES, this.snapshotBytes)) {
			try {
				this.fold(state);
			} catch {
				// The change is on disk either way (journal or new snapshot); folding waits until
				// the journal has doubled, and a missing journal is recreated by the next save.
				this.snapshotBytes = this.journalBytes * 2;
			}
		}
		return unsaved;
	}

	/** Writes the whole state as a new snapshot and starts an empty journal for it. */
	fold(state: object): void {
		const id = randomUUID();
		const text = JSON.stringify({ journal: id, ...state });
		replaceFile(this.file, text);
		this.snapshotBytes = Buffer.byteLength(text);
		// From here on the old journal belongs to no snapshot: never append to it again.
		this.close();
		const journal = `${this.file}.journal`;
		replaceFile(journal, `${JSON.stringify({ snapshot: id } satisfies JournalHeader)}\n`);
		this.fd = openSync(journal, 'a', MODE);
		this.journalBytes = fstatSync(this.fd).size;
	}

	/** Stops appending; the files stay as they are. */
	close(): void {
		if (this.fd !== undefined) closeSync(this.fd);
		this.fd = undefined;
	}
}

function replay(state: object, journalFile: string, journalId: string): void {
	const lines = readFileSync(journalFile, 'utf8').split('\n');
	const header = parseLine(lines[0] ?? '') as Partial<JournalHeader> | undefined;
	if (header?.snapshot !== journalId) return;
	for (let i = 1; i < lines.length; i++) {
		const line = lines[i] ?? '';
		if (line === '') continue;
		const changes = parseLine(line);
		if (!Array.isArray(changes)) {
			// Only the last line can be torn by a crash; anything else is damage to report.
			if (i === lines.length - 1) return;
			throw new Error(`${journalFile}: line ${i + 1} is not a saved change`);
		}
		for (const change of changes as Change[]) applyChange(state, change[0], change[1]);
	}
}
