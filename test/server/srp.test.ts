import { describe, expect, it } from 'vitest';
import {
	G,
	K,
	N,
	claimSignature,
	computeU,
	computeX,
	hkdf,
	modPow,
	padBytes,
	padHex,
	serverEphemeral,
	serverKey,
	signatureMatches,
	TIMESTAMP_RE,
} from '../../server/srp';

// Appendix A of original-inventory.md: produced with upstream 6.3.21.
const V = {
	pool: 'QdbSdK39m',
	user: 'peculiarAmazonian',
	password: 'Very$ecur3',
	a: '57492d5cfb9907b7056a3fe145932f29b7dfdaffa55b7b1df9f7bf2ce8381afa192343ce91e9b17bea999bb76c6dcc5867e03ab9e7c9790b5774039445bb0d143407508b35e3c9720a53b04461b43aa616e2b7d97a8b39d5168575739c205e8e0b6b09ecfbfd4518ec70f0464cd6bd82ac5122c10ca19f93f2ddb83b322f8d6c',
	A: 'a684c21632454a8685fcea56c22a1c76e444917011cdcdc33978ba8297e3428a502f3f47532652084145b7cf472687602ceefa988fa179c7a160d298b8f518d8280aebce6f84437bd6d211d61f9e769dbe7badb45ec82760331bd437d49f5bdf9ae443d83e04c0f41939a34fe79dcb928038e24c9632415e27a7c256d7ec5e31dc4852ad9f5583a80957219ffe1b9423ea0469b163886d2560aed7b2a5c8e7db60f56f47323097aeb693435a591be7cee80605bc996d6d2a2792ebdacc969ea5923d2664c65d8dc20ef8ea86fa79237aee2c40b56b0ade4730b269c07f1852b2a585fb8b3aabf1dc9e40360c9fa2d103bef862c1a2068ff09b1cb2d54dda9435fda2847ea7a18f22c5cb762015fc1789f2e6eeed3aed1a1e4509b1f8b79ae978a55ace14e0c1a20b3a2c9e1295beda522c0189e762421eb59d3bcafe2a994820190464691375a2c3d6a7c376170d7cd2070fa406757923436e99aa6c0f164320de3bcb4be498d56b3f78247bf329ed480fc8090b20fb37220b76a7c863faa2c3',
	salt: '8a1b2c3d4e5f60718293a4b5c6d7e8f9',
	b: '7ee24543e5fd2580c3058c59e8f9e14511b58335556a7397dd1597115b0ab6e5',
	B: 'a41845c54c60096213ee0eca03d49ae2f25230fd4e0567c14221baafa2443b31facc8545c663be55f7db534fe0d44e083c1140dce86563dc4e514f7df26181d7f20f1fc0c0fca02a33750d50be883a37e777c58bdf0be4e11e437dbf7d8695c7202f9be9313e95667a93f5e2dd17c21a3c048f878e41a4a2112be455fedae67af70844560d019960b7b50df2370384dcdce2ffac7d4ae82a262b2f632f9b063c9ef9c7d70c8cf58b3c586771acf5119ec725285901b1e69d23eb95b7f055b11eccf80b331f8831609d6b929304f5c651289897e2f252fe604e3dece3647e1d3a923f4f765ab5197d8f80fdc4e74a2ab31fceac66069c914653bdd22614064d7364a93b8956bc9575905e37e0f0a21ecf398f4a4fae62ff96f5bd34d809b8df6b9f2c78efe4395bfc0c91510005235191873b8b06d9a06bcddbffa9dadf091292ee4f9c8a075121a9690b670572e474eb3e1eac18f4aa106488243379376c7ebd9f11aa7e75efc8824f9e7c02af092571bc4ff575580864ce258fc49fc21477b3',
	k: '538282c4354742d7cbbde2359fcf67f9f5b3a6b08791e5011b43b8a5b66d9ee6',
	x: '928bfbcf79f822457447b98901cdc8e374d1d329b0979375c41c69ab2f08ad63',
	U: '1d0934c78fefe288fac0c61e497ab471f6eb66c818ddbaecfe8612a052ea7d2e',
	hkdf: '4a4c8daf89ba3e35d47601e0aef050c5',
	secretBlock: 'b3BhcXVlLXNlY3JldC1ibG9jay1mcm9tLWNvZ25pdG8=',
	timestamp: 'Tue Jan 1 06:06:09 UTC 2019',
	signature: 'Msz/9mSi7RVJolsOjOKIqWnoPhetczm0/idVncwC8Zk=',
};
const big = (hex: string) => BigInt('0x' + hex);

describe('server SRP math reproduces the Appendix A vectors', () => {
	const x = computeX(V.pool, V.user, V.password, big(V.salt));
	const v = modPow(G, x);
	const eph = serverEphemeral(v, big(V.b));

	it('k, x, A, B and U', () => {
		expect(K.toString(16)).toBe(V.k);
		expect(x.toString(16)).toBe(V.x);
		expect(modPow(G, big(V.a)).toString(16)).toBe(V.A);
		expect(eph.B.toString(16)).toBe(V.B);
		expect(computeU(big(V.A), eph.B).toString(16)).toBe(V.U);
	});

	it('derives the same HKDF key as the client and checks its claim signature', () => {
		const key = serverKey(big(V.A), eph, v);
		expect(key?.toString('hex')).toBe(V.hkdf);
		const sig = claimSignature(key ?? Buffer.alloc(0), V.pool, V.user, V.secretBlock, V.timestamp);
		expect(sig.toString('base64')).toBe(V.signature);
		expect(signatureMatches(sig, V.signature)).toBe(true);
		expect(signatureMatches(sig, Buffer.alloc(32).toString('base64'))).toBe(false);
		expect(signatureMatches(sig, 'c2hvcnQ=')).toBe(false);
	});

	it('rejects A ≡ 0 (mod N)', () => {
		expect(serverKey(0n, eph, v)).toBeUndefined();
		expect(serverKey(N, eph, v)).toBeUndefined();
		expect(serverKey(2n * N, eph, v)).toBeUndefined();
	});

	it('the client-side formula S = (B − k·g^x)^(a + u·x) meets the server-side S', () => {
		const u = big(V.U);
		const base = (((eph.B - K * modPow(G, x)) % N) + N) % N;
		const clientS = modPow(base, big(V.a) + u * x);
		expect(hkdf(padBytes(clientS), padBytes(u)).toString('hex')).toBe(V.hkdf);
	});

	it('the device verifier vector', () => {
		const salt = big('00f0e1d2c3b4a5968778695a4b3c2d1e0f');
		const password = Buffer.alloc(40, 7).toString('base64');
		const dx = computeX(
			'-devgroupkey',
			'us-east-1_11111111-2222-3333-4444-555555555555',
			password,
			salt,
		);
		const verifier = padBytes(modPow(G, dx)).toString('base64');
		expect(padBytes(salt).toString('base64')).toBe('APDh0sO0pZaHeGlaSzwtHg8=');
		expect(verifier).toBe(
			'AIBqfchSCHOS6AP1nMQzlDgO0PRIfJsKMEYAvlDAYLkO2a7E2Lg2pK+AXsnc5RBCIoMgQQWtW2FCWy13SArM1bi+XSfKekt5a/AU62R1Ah1ANRWSsS2t/9MsIT7ikR3Sb1mtqrMyCGR8RtHBay9DmxIZxngCX9YTo7MoEwp2mBYsx9/ouBnYR7VPcp5H/NC59rpXMvHIdpctGp0RaeVlr04Hcx2V2E6BoaBkLfp4Sk6zRmIxXfgkIFe85p4thebYKdt4o2I4g7JIKhBnq0qF8ArXYaPVDg+rO/FuxdIuF2aanOCgPtMHlMrbdBasRyP+PMi2gwedQV1lj6d2TJ1KmShMuC/QpM3InfoJG59nJJNztCkOAzvJQOBsd4UQUo1HBhOSu98qNAOyUyHDCq4mIelYbZo970fjtj0HpjZWKuJiMPFR6sGFAxgjMl7i7G10+jUvhqMnuelt5pj/d7Fa5048ctnpBFfHJXRl1bhezNHPnpwPGnKLj3/gh2PirJZYOA==',
		);
	});

	it('padHex is Java toByteArray', () => {
		expect(padHex(128n)).toBe('0080');
		expect(padHex(127n)).toBe('7f');
		expect(padHex(0n)).toBe('00');
		expect(padHex(0xabcn)).toBe('0abc');
		expect(() => padHex(-1n)).toThrow(RangeError);
	});

	it('modPow agrees with plain bigint arithmetic, including degenerate bases', () => {
		const slow = (b: bigint, e: bigint) => {
			let r = 1n;
			let s = b % N;
			for (let f = e; f > 0n; f >>= 1n) {
				if (f & 1n) r = (r * s) % N;
				s = (s * s) % N;
			}
			return r;
		};
		for (const [b, e] of [
			[big(V.A), big(V.b)],
			[N - 1n, 3n],
			[1n, 12345n],
			[0n, 5n],
			[big(V.B), 1n],
			[big(V.B), 0n],
		] as const) {
			expect(modPow(b, e)).toBe(slow(b, e));
		}
	});

	it('TIMESTAMP format: day of month not padded', () => {
		expect(TIMESTAMP_RE.test('Tue Jan 1 06:06:09 UTC 2019')).toBe(true);
		expect(TIMESTAMP_RE.test('Thu Nov 26 07:30:42 UTC 2026')).toBe(true);
		expect(TIMESTAMP_RE.test('Tue Jan 01 06:06:09 UTC 2019')).toBe(false);
		expect(TIMESTAMP_RE.test('2019-01-01T06:06:09Z')).toBe(false);
	});
});
