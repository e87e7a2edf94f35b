// A localStorage-like store (null for a missing key) for tests and benchmarks that need a
// private token store per simulated browser or device.
import type { ICognitoStorage } from '../../src/types';

export class MapStorage implements ICognitoStorage {
	readonly map = new Map<string, string>();
	setItem(key: string, value: string): void {
		this.map.set(key, String(value));
	}
	getItem(key: string): string | null {
		return this.map.get(key) ?? null;
	}
	removeItem(key: string): void {
		this.map.delete(key);
	}
	clear(): void {
		this.map.clear();
	}
}
