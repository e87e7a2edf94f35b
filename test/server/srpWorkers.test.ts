import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { SrpWorkers } from '../../server/srpWorkers';
import {
	G,
	bytesToBig,
	modPow,
	premasterSecret,
	serverEphemeral,
	serverKey as inlineKey,
} from '../../server/srp';
import { ephemerals } from '../../server/workers/ephemeralWorker';
import { srpJob } from '../../server/workers/srpWorker';

// Counts the inline fallback: when the worker threads answer, SrpWorkers never needs it.
const inline = vi.hoisted(() => ({ calls: 0 }));
vi.mock('../../server/srp', async (importOriginal) => {
	const real = await importOriginal<typeof import('../../server/srp')>();
	return {
		...real,
		serverKey: (...args: Parameters<typeof real.serverKey>) => {
			inline.calls += 1;
			return real.serverKey(...args);
		},
	};
});

describe('SrpWorkers (workers/srpWorker.ts on worker threads)', () => {
	const workers = new SrpWorkers(2);
	afterAll(() => workers.close());

	it('derives the key serverKey derives, on the workers, for many jobs at once', async () => {
		const jobs = Array.from({ length: 6 }, () => {
			const v = modPow(G, bytesToBig(randomBytes(32)));
			const A = modPow(G, bytesToBig(randomBytes(32)));
			return { A, v, eph: serverEphemeral(v) };
		});
		const keys = await Promise.all(jobs.map((j) => workers.serverKey(j.A, j.eph, j.v)));
		const before = inline.calls;
		jobs.forEach((j, i) => expect(keys[i]).toEqual(inlineKey(j.A, j.eph, j.v)));
		expect(before).toBe(0);
	});

	it('refuses a degenerate A as serverKey does, without a worker', async () => {
		const v = modPow(G, 7n);
		expect(await workers.serverKey(0n, serverEphemeral(v), v)).toBeUndefined();
	});
});

describe('the worker modules, run in this thread', () => {
	it('srpJob answers S, or an empty S for a job it cannot do', () => {
		const [A, v, u, b] = [modPow(G, 5n), modPow(G, 9n), 3n, 11n];
		const hex = (n: bigint) => n.toString(16);
		expect(srpJob([7, hex(A), hex(v), hex(u), hex(b)])).toEqual([
			7,
			hex(premasterSecret(A, v, u, b)),
		]);
		expect(srpJob([8, 'not hex', '1', '1', '1'])).toEqual([8, '']);
	});

	it('ephemerals are pairs (b, g^b mod N)', () => {
		const pairs = ephemerals(3);
		expect(pairs).toHaveLength(3);
		for (const [b, gb] of pairs) expect(BigInt(`0x${gb}`)).toBe(modPow(G, BigInt(`0x${b}`)));
	});
});
