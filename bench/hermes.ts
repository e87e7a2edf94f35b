// What the JavaScript SRP path costs on Hermes, React Native's engine, when the app has no
// native module RNAWSCognito: the browser bundle (dist/, the pure bigint path), lowered to
// ES5 for Hermes builds without class syntax, runs ten logins in a `hermes` binary and, for
// comparison in the same run, in Node. A proxy for a phone, not a measurement on one.
//   npm run build && HERMES=/path/to/hermes npx tsx bench/hermes.ts
// (a `hermes` binary comes, for example, with the npm package hermes-engine-cli).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { ensureBuilt } from './common';

/**
 * Hides CommonJS from the UMD bundle (so that Node, too, defines the global
 * AmazonCognitoIdentity), and supplies what older Hermes builds lack and the bundle touches:
 * TextEncoder (the inputs here are ASCII), crypto.getRandomValues (the secret `a` is set below
 * anyway) and console.log.
 */
const PRELUDE = `
var exports = undefined;
var module = undefined;
var host = typeof globalThis !== 'undefined' ? globalThis : this;
if (typeof host.TextEncoder === 'undefined') {
	host.TextEncoder = function () {};
	host.TextEncoder.prototype.encode = function (text) {
		var bytes = new Uint8Array(text.length);
		for (var i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
		return bytes;
	};
}
if (typeof host.crypto === 'undefined') {
	host.crypto = {
		getRandomValues: function (array) {
			for (var i = 0; i < array.length; i++) array[i] = (i * 2654435761) >>> 0;
			return array;
		},
	};
}
var report = typeof print === 'function' ? print : function (line) { console.log(line); };
`;

/** Ten timed logins after three warm-ups, each with its own 1024-bit secret. */
const HARNESS = `
var SRP_B = '${'a41845c54c60096213ee0eca03d49ae2f25230fd4e0567c14221baafa2443b31facc8545c663be55f7db534fe0d44e083c1140dce86563dc4e514f7df26181d7f20f1fc0c0fca02a33750d50be883a37e777c58bdf0be4e11e437dbf7d8695c7202f9be9313e95667a93f5e2dd17c21a3c048f878e41a4a2112be455fedae67af70844560d019960b7b50df2370384dcdce2ffac7d4ae82a262b2f632f9b063c9ef9c7d70c8cf58b3c586771acf5119ec725285901b1e69d23eb95b7f055b11eccf80b331f8831609d6b929304f5c651289897e2f252fe604e3dece3647e1d3a923f4f765ab5197d8f80fdc4e74a2ab31fceac66069c914653bdd22614064d7364a93b8956bc9575905e37e0f0a21ecf398f4a4fae62ff96f5bd34d809b8df6b9f2c78efe4395bfc0c91510005235191873b8b06d9a06bcddbffa9dadf091292ee4f9c8a075121a9690b670572e474eb3e1eac18f4aa106488243379376c7ebd9f11aa7e75efc8824f9e7c02af092571bc4ff575580864ce258fc49fc21477b3'}';
var Helper = AmazonCognitoIdentity.AuthenticationHelper;
var seed = 1;
function secret(BigInteger) {
	var hex = '';
	for (var i = 0; i < 256; i++) {
		seed = (seed * 1103515245 + 12345) % 2147483648;
		hex += (seed % 16).toString(16);
	}
	return new BigInteger(hex, 16);
}
function login() {
	var helper = new Helper('QdbSdK39m');
	var BigInteger = helper.g.constructor;
	helper.smallAValue = secret(BigInteger);
	var failure = null;
	helper.getLargeAValue(function () {});
	helper.getPasswordAuthenticationKey('peculiarAmazonian', 'Very$ecur3',
		new BigInteger(SRP_B, 16), new BigInteger('8a1b2c3d4e5f60718293a4b5c6d7e8f9', 16),
		function (err) { failure = err; });
	if (failure) throw failure;
}
for (var w = 0; w < 3; w++) login();
var times = [];
for (var r = 0; r < 10; r++) {
	var start = Date.now();
	login();
	times.push(Date.now() - start);
}
times.sort(function (a, b) { return a - b; });
report('median ' + times[5] + ' ms, range ' + times[0] + '-' + times[9] + ' ms');
`;

function main(): void {
	const hermes = process.env.HERMES;
	if (!hermes) {
		console.log('bench/hermes.ts: set HERMES to the path of a hermes binary; skipped.');
		return;
	}
	ensureBuilt();
	const bundle = readFileSync(join(__dirname, '..', 'dist', 'amazon-cognito-identity.js'), 'utf8');
	const es5 = ts.transpileModule(bundle, {
		compilerOptions: {
			target: ts.ScriptTarget.ES5,
			downlevelIteration: true,
			module: ts.ModuleKind.None,
		},
	}).outputText;
	const file = join(mkdtempSync(join(tmpdir(), 'hermes-bench-')), 'login.js');
	writeFileSync(file, PRELUDE + es5 + HARNESS);
	for (const [name, command] of [
		['hermes', hermes],
		['node', process.execPath],
	] as const) {
		// Hermes warns about every global the bundle reads; stderr is not the figure.
		const out = execFileSync(command, [file], { encoding: 'utf8', stdio: 'pipe' }).trim();
		console.log(`SRP login, pure path, ${name}: ${out}`);
	}
}

main();
