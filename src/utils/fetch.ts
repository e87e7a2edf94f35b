// Node/default fetch seam. The global fetch is read on every call, so applications and tests
// that replace it after the library loaded are honoured. Where none exists (old Node), the
// cross-fetch ponyfill is loaded on first use; it is never installed as a global.

/** The part of a fetch `Response` the client reads. */
export interface FetchResponseLike {
	ok: boolean;
	status: number;
	headers?: { get(name: string): string | null } | null;
	json(): Promise<unknown>;
}

/** The request options the client passes to fetch. */
export interface FetchInit {
	headers: Record<string, string>;
	method: string;
	mode?: string;
	body: string;
	credentials?: string;
	signal?: AbortSignal;
}

/** A fetch-compatible function. */
export type FetchFunction = (url: string, init: FetchInit) => Promise<FetchResponseLike>;

let fallback: Promise<FetchFunction> | undefined;

const loadFallback = (): Promise<FetchFunction> => {
	if (!fallback) {
		fallback = import('cross-fetch').then((mod: unknown) => {
			// Depending on the loader, the ponyfill arrives as the namespace's default or as the
			// namespace itself.
			const candidate = (mod as { default?: unknown }).default ?? mod;
			return candidate as FetchFunction;
		});
		// A failed load should not be cached forever: the next request may try again.
		fallback.catch(() => {
			fallback = undefined;
		});
	}
	return fallback;
};

/**
 * Sends a request with the global fetch when there is one, calling it synchronously as the
 * original did (applications' tests assert the call right after invoking a method);
 * otherwise with cross-fetch, loaded lazily.
 */
export function fetchWithFallback(url: string, init: FetchInit): Promise<FetchResponseLike> {
	const globalFetch = (globalThis as { fetch?: unknown }).fetch;
	if (typeof globalFetch === 'function') {
		return (globalFetch as FetchFunction)(url, init);
	}
	return loadFallback().then((ponyfill) => ponyfill(url, init));
}
