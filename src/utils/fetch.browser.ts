// Browser and React Native fetch seam: both always have a global fetch, so nothing is
// bundled. The global is read on every call so that later replacements are honoured.
import type { FetchInit, FetchFunction, FetchResponseLike } from './fetch';

export type { FetchInit, FetchFunction, FetchResponseLike } from './fetch';

/** Sends a request with the global fetch; rejects clearly when the platform has none. */
export function fetchWithFallback(url: string, init: FetchInit): Promise<FetchResponseLike> {
	const globalFetch = (globalThis as { fetch?: unknown }).fetch;
	if (typeof globalFetch !== 'function') {
		return Promise.reject(
			new Error(
				'No global fetch is available. Load a fetch polyfill before using amazon-cognito-identity-js.',
			),
		);
	}
	return (globalFetch as FetchFunction)(url, init);
}
