import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const MESSAGE = 'Native crypto module could not be used to get secure random number.';
type Loaded = () => number;

/** Fresh copy of a seam, so that its load-time choice of source sees the stubbed globals. */
async function load(path: string): Promise<Loaded> {
	vi.resetModules();
	return ((await import(path)) as { default: Loaded }).default;
}
const loadNode = (): Promise<Loaded> => load('../../src/utils/cryptoSecureRandomInt');
const loadBrowser = (): Promise<Loaded> => load('../../src/utils/cryptoSecureRandomInt.browser');

/** A WebCrypto look-alike that writes `value` and records its calls. */
function fakeWebCrypto(value: number) {
	return {
		getRandomValues: vi.fn((array: Uint32Array) => {
			array[0] = value;
			return array;
		}),
	};
}

let mathRandom: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
	mathRandom = vi.spyOn(Math, 'random');
});
afterEach(() => {
	expect(mathRandom).not.toHaveBeenCalled();
	vi.unstubAllGlobals();
	vi.doUnmock('crypto');
	vi.restoreAllMocks();
});

describe('cryptoSecureRandomInt (Node seam)', () => {
	it('draws unsigned 32-bit integers from the global WebCrypto', async () => {
		const spy = vi.spyOn(globalThis.crypto, 'getRandomValues');
		const random = await loadNode();
		const values = Array.from({ length: 200 }, () => random());
		expect(spy).toHaveBeenCalledTimes(200);
		for (const v of values) expect(Number.isInteger(v) && v >= 0 && v < 2 ** 32).toBe(true);
		expect(new Set(values).size).toBeGreaterThan(190);
	});

	it('prefers window.crypto, then window.msCrypto, then globalThis.crypto', async () => {
		const win = fakeWebCrypto(1);
		const ms = fakeWebCrypto(2);
		const global = fakeWebCrypto(3);
		vi.stubGlobal('crypto', global);
		vi.stubGlobal('window', { crypto: win, msCrypto: ms });
		expect((await loadNode())()).toBe(1);
		vi.stubGlobal('window', { msCrypto: ms });
		expect((await loadNode())()).toBe(2);
		vi.stubGlobal('window', undefined);
		expect((await loadNode())()).toBe(3);
		expect(win.getRandomValues).toHaveBeenCalledTimes(1);
		expect(ms.getRandomValues).toHaveBeenCalledTimes(1);
	});

	it('chooses its source at load time, not per call', async () => {
		const first = fakeWebCrypto(11);
		vi.stubGlobal('crypto', first);
		const random = await loadNode();
		vi.stubGlobal('crypto', fakeWebCrypto(22));
		expect(random()).toBe(11);
	});

	it("uses the 'crypto' module's getRandomValues without a global crypto", async () => {
		vi.stubGlobal('crypto', undefined);
		const module = fakeWebCrypto(42);
		const randomBytes = vi.fn(() => Buffer.alloc(4));
		vi.doMock('crypto', () => ({ ...module, randomBytes }));
		const random = await loadNode();
		expect(random()).toBe(42);
		expect(module.getRandomValues).toHaveBeenCalledTimes(1);
		expect(randomBytes).not.toHaveBeenCalled();
	});

	it("falls back to the 'crypto' module's randomBytes(4).readInt32LE() without getRandomValues", async () => {
		vi.stubGlobal('crypto', undefined);
		const randomBytes = vi.fn(() => Buffer.from([0xfe, 0xff, 0xff, 0xff]));
		vi.doMock('crypto', () => ({ getRandomValues: undefined, randomBytes }));
		expect((await loadNode())()).toBe(-2);
		expect(randomBytes).toHaveBeenCalledWith(4);
	});

	it("falls back to randomBytes when the 'crypto' module's getRandomValues throws", async () => {
		vi.stubGlobal('crypto', undefined);
		vi.doMock('crypto', () => ({
			getRandomValues: () => {
				throw new Error('not supported');
			},
			randomBytes: () => Buffer.from([0x01, 0x02, 0x00, 0x00]),
		}));
		expect((await loadNode())()).toBe(0x0201);
	});

	it('tries randomBytes when getRandomValues throws', async () => {
		vi.stubGlobal('crypto', {
			getRandomValues: () => {
				throw new Error('quota');
			},
			randomBytes: () => Buffer.from([7, 0, 0, 0]),
		});
		expect((await loadNode())()).toBe(7);
	});

	it('throws the original message when there is no usable source', async () => {
		vi.stubGlobal('crypto', undefined);
		vi.doMock('crypto', () => ({ getRandomValues: undefined, randomBytes: undefined }));
		const random = await loadNode();
		expect(() => random()).toThrow(new Error(MESSAGE));
		vi.doMock('crypto', () => ({
			getRandomValues: () => {
				throw new Error('no entropy');
			},
			randomBytes: () => {
				throw new Error('no entropy');
			},
		}));
		const failing = await loadNode();
		expect(() => failing()).toThrow(new Error(MESSAGE));
		vi.stubGlobal('crypto', {
			getRandomValues: () => {
				throw new Error('broken');
			},
		});
		const broken = await loadNode();
		expect(() => broken()).toThrow(new Error(MESSAGE));
	});
});

describe('cryptoSecureRandomInt (browser seam)', () => {
	it('uses window.crypto first, then globalThis.crypto', async () => {
		vi.stubGlobal('window', { crypto: fakeWebCrypto(5) });
		vi.stubGlobal('crypto', fakeWebCrypto(6));
		expect((await loadBrowser())()).toBe(5);
		vi.stubGlobal('window', undefined);
		expect((await loadBrowser())()).toBe(6);
	});

	it("never reaches for the 'crypto' module and throws without WebCrypto", async () => {
		vi.stubGlobal('crypto', undefined);
		const randomBytes = vi.fn(() => Buffer.alloc(4));
		vi.doMock('crypto', () => ({ getRandomValues: vi.fn(), randomBytes }));
		const random = await loadBrowser();
		expect(() => random()).toThrow(new Error(MESSAGE));
		expect(randomBytes).not.toHaveBeenCalled();
	});
});
