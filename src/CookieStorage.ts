import Cookies from 'js-cookie';
import type { ICognitoStorage, ICookieStorageData } from './types';

type CookieAttributes = Cookies.CookieAttributes;
type SameSite = 'strict' | 'lax' | 'none';
const SAME_SITE_VALUES: readonly unknown[] = ['strict', 'lax', 'none'];

// Browsers refuse a cookie whose name and value exceed about 4096 bytes; ID tokens with many
// claims or groups get there.
const COOKIE_SIZE_LIMIT = 4096;

const has = (data: object, key: string): boolean => Object.prototype.hasOwnProperty.call(data, key);

/**
 * Stores tokens in cookies (js-cookie), so that a server on the same domain can read them.
 *
 * Unlike the original, a cookie the browser refuses (too large, or `secure` on an `http:`
 * page) is not lost silently: `setItem` warns (also for any value over the ~4 KB limit), and
 * when the browser kept an older value of that key it removes it, so a stale token from an
 * earlier session is never read back in place of the new one.
 */
export default class CookieStorage implements ICognitoStorage {
	/** Cookie domain; only set when given. */
	domain?: string;
	/** Cookie path; `/` by default. */
	path: string;
	/** Lifetime in days; 365 by default, `undefined` for a session cookie. */
	expires: number | undefined;
	/** The Secure flag; `true` by default. */
	secure: boolean | undefined;
	/** The SameSite attribute, or `null` to leave it to the browser. */
	sameSite: SameSite | null;

	/**
	 * @param data - domain, path ('/'), expires (365 days), secure (true), sameSite.
	 * @throws Error when sameSite is given but not 'strict', 'lax' or 'none', or is 'none'
	 * without secure.
	 */
	constructor(data: ICookieStorageData = {}) {
		if (data.domain) {
			this.domain = data.domain;
		}
		this.path = data.path ? data.path : '/';
		// An explicitly given key wins even when undefined: that is how the original lets
		// applications ask for session cookies.
		this.expires = has(data, 'expires') ? data.expires : 365;
		this.secure = has(data, 'secure') ? data.secure : true;
		if (has(data, 'sameSite')) {
			if (!SAME_SITE_VALUES.includes(data.sameSite)) {
				throw new Error('The sameSite value of cookieStorage must be "lax", "strict" or "none".');
			}
			if (data.sameSite === 'none' && !this.secure) {
				throw new Error(
					'sameSite = None requires the Secure attribute in latest browser versions.',
				);
			}
			this.sameSite = data.sameSite as SameSite;
		} else {
			this.sameSite = null;
		}
	}

	/** The attributes every write and removal uses, so a removal matches what was written. */
	private cookieOptions(): CookieAttributes {
		const options: CookieAttributes = {
			path: this.path,
			expires: this.expires,
			domain: this.domain,
			secure: this.secure,
		};
		if (this.sameSite) {
			options.sameSite = this.sameSite;
		}
		return options;
	}

	/**
	 * Writes a cookie and returns what the browser kept (`Cookies.get(key)`), as the original.
	 * When the browser did not keep the value, warns and returns `undefined`.
	 */
	setItem(key: string, value: string): string | undefined {
		const options = this.cookieOptions();
		const size = encodeURIComponent(key).length + encodeURIComponent(String(value)).length;
		Cookies.set(key, value, options);
		const stored = Cookies.get(key);
		const kept = stored === String(value);
		if (kept && size <= COOKIE_SIZE_LIMIT) {
			return stored;
		}
		const reason =
			size > COOKIE_SIZE_LIMIT
				? `it is about ${size} bytes and browsers refuse cookies over ${COOKIE_SIZE_LIMIT} bytes`
				: 'the browser refused it (a Secure cookie on an http: page, or a foreign domain?)';
		console.warn(
			`CookieStorage: the cookie "${key}" ${kept ? 'may not be kept' : 'was not stored'}: ${reason}.`,
		);
		if (kept) {
			return stored;
		}
		if (stored !== undefined) {
			Cookies.remove(key, options);
		}
		return undefined;
	}

	/**
	 * @returns the cookie's value, or `null` when absent. Declared `string` as in the
	 * original's declarations, which apps assign it to; through `ICognitoStorage` it reads as
	 * `string | null`.
	 */
	getItem(key: string): string {
		return (Cookies.get(key) ?? null) as string;
	}

	/** Removes the cookie with the same attributes it was written with. */
	removeItem(key: string): void {
		Cookies.remove(key, this.cookieOptions());
	}

	/** Removes every cookie visible to the page (not only this library's); returns `{}`. */
	clear(): Record<string, never> {
		for (const key of Object.keys(Cookies.get())) {
			this.removeItem(key);
		}
		return {};
	}
}
