import type { ICognitoStorage } from '../../../src/types';

/**
 * An in-memory storage that counts its writes and removals, so tests can compare snapshots
 * and traffic. (test/unit/CognitoUser.kit.ts has RecordingStorage, which logs every call.)
 */
export class CountingStorage implements ICognitoStorage {
	readonly data = new Map<string, string>();
	sets = 0;
	removes = 0;
	readonly removed: string[] = [];

	setItem(key: string, value: string): string {
		this.sets++;
		this.data.set(key, String(value));
		return value;
	}

	getItem(key: string): string | null {
		return this.data.has(key) ? (this.data.get(key) as string) : null;
	}

	removeItem(key: string): void {
		this.removes++;
		this.removed.push(key);
		this.data.delete(key);
	}

	clear(): void {
		this.data.clear();
	}

	snapshot(): Record<string, string> {
		return Object.fromEntries([...this.data.entries()].sort(([a], [b]) => a.localeCompare(b)));
	}
}
