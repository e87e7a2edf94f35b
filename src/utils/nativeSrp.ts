// React Native speed-up, as the original's React Native entry had it: when the app has the
// native module `RNAWSCognito` linked (the Android/iOS code shipped by the original package),
// the big-number work of SRP runs natively. Numbers cross the bridge as hex strings and the
// answers come back through callbacks, later, so the routed methods are asynchronous, as they
// were in the original. Without the module nothing is replaced and the JS path runs.
import AuthenticationHelper, { type SrpCallback } from '../AuthenticationHelper';
import BigInteger, { type ModPowCallback } from '../BigInteger';
import { toError } from './callbacks';

/** How the native methods answer: an error (usually a message), else the result in hex. */
export type NativeCallback = (error: unknown, result?: string | null) => void;

/** The methods of the original's native module, with its argument names. */
export interface RNAWSCognitoModule {
	/** Calls back with target^value mod modifier. */
	computeModPow?(
		args: { target: string; value: string; modifier: string },
		callback: NativeCallback,
	): void;
	/** Calls back with S = (b − k·g^x)^(a + u·x) mod N, N being the SRP group prime. */
	computeS?(
		args: { g: string; x: string; k: string; a: string; b: string; u: string },
		callback: NativeCallback,
	): void;
}

/**
 * Calls one native method and reports to `callback` exactly once: the result as a BigInteger,
 * or an Error for a native error, a missing result, or a synchronous throw.
 */
function callNative(
	name: string,
	invoke: (done: NativeCallback) => void,
	callback: (err: Error | null, result: BigInteger | null) => void,
): void {
	let answered = false;
	const done: NativeCallback = (error, result) => {
		if (answered) return;
		answered = true;
		if (error) callback(toError(error), null);
		else if (typeof result !== 'string') {
			callback(new Error(`RNAWSCognito.${name} called back without a result`), null);
		} else callback(null, new BigInteger(result, 16));
	};
	try {
		invoke(done);
	} catch (thrown) {
		// A throw from the application's callback, reached through a synchronous answer, is its own.
		if (answered) throw thrown;
		done(thrown);
	}
}

/**
 * Routes `BigInteger.prototype.modPow` through `computeModPow` and
 * `AuthenticationHelper.prototype.calculateS` through `computeS`, each only when the module
 * has that method. The replacements stay on the prototypes, where apps' spies find them.
 */
export function useNativeSrp(native: RNAWSCognitoModule | null | undefined): void {
	if (!native) return;
	if (typeof native.computeModPow === 'function') {
		// Kept to be called with its receiver (`jsModPow.call(this, …)`) once replaced below.
		// eslint-disable-next-line @typescript-eslint/unbound-method
		const jsModPow = BigInteger.prototype.modPow;
		const nativeModPow = function modPow(
			this: BigInteger,
			e: BigInteger,
			m: BigInteger,
			callback?: ModPowCallback,
		): BigInteger | undefined {
			// A caller that wants the returned value (no callback) gets the synchronous JS path.
			if (typeof callback !== 'function') return jsModPow.call(this, e, m);
			const args = { target: this.toString(16), value: e.toString(16), modifier: m.toString(16) };
			callNative(
				'computeModPow',
				(done) => native.computeModPow?.(args, done),
				// On an error the result is null, as the original's native modPow reported it; the
				// library's own callers test the error first.
				callback as (err: Error | null, result: BigInteger | null) => void,
			);
			return undefined;
		};
		// Declared as returning a BigInteger, which the native path cannot do: it returns
		// nothing and answers through the callback, like the original's.
		BigInteger.prototype.modPow = nativeModPow as BigInteger['modPow'];
	}
	if (typeof native.computeS === 'function') {
		AuthenticationHelper.prototype.calculateS = function calculateS(
			this: AuthenticationHelper,
			xValue: BigInteger,
			serverBValue: BigInteger,
			callback: SrpCallback<BigInteger>,
		): void {
			const args = {
				g: this.g.toString(16),
				x: xValue.toString(16),
				k: this.k.toString(16),
				a: this.smallAValue.toString(16),
				b: serverBValue.toString(16),
				u: (this.UValue ?? BigInteger.ZERO).toString(16),
			};
			callNative('computeS', (done) => native.computeS?.(args, done), callback);
		};
	}
}
