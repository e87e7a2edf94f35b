import { describe, expect, it } from 'vitest';
import { EphemeralPool } from '../../server/ephemeral';
import { G, N_HEX, modPow } from '../../server/srp';

describe('EphemeralPool', () => {
	it('hands out correct (b, g^b) pairs computed by its worker, each only once', async () => {
		const pool = new EphemeralPool(N_HEX, 8);
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
});
