import { describe, expect, it } from 'vitest';
import { EphemeralPool } from '../../server/ephemeral';
import { GeneratorTable } from '../../server/generatorTable';
import { G, N, modPow } from '../../server/srp';

describe('EphemeralPool', () => {
	it('hands out correct (b, g^b) pairs computed by its worker, each only once', async () => {
		const pool = new EphemeralPool(8);
		try {
			let first = pool.take();
			while (!first) {
				await new Promise((r) => setTimeout(r, 10));
				first = pool.take();
			}
			const seen = new Set<bigint>([first.b]);
			expect(modPow(G, first.b)).toBe(first.gb);
			for (let i = 0; i < 5; i++) {
				const next = pool.take();
				if (!next) break;
				expect(seen.has(next.b)).toBe(false);
				seen.add(next.b);
				expect(modPow(G, next.b)).toBe(next.gb);
			}
			expect(first.b.toString(16).length).toBeGreaterThan(48);
		} finally {
			await pool.close();
		}
	});

	it('computes g^b from its comb table exactly as a modexp does', () => {
		const table = new GeneratorTable(4);
		for (const hex of ['00000000', '00000001', '000000ff', '01000000', 'ffffffff', '8badf00d']) {
			const b = Buffer.from(hex, 'hex');
			expect(table.pow(b), hex).toBe(modPow(G, BigInt(`0x${hex}`)) % N);
		}
		expect(() => table.pow(Buffer.alloc(5, 1))).toThrow(RangeError);
	});
});
