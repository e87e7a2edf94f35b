// Small pieces every example shares: reading the configuration, fetching the codes the local
// pool "sent" (its HTTP outbox), computing TOTP codes, and turning the library's callbacks into
// promises so that a runner can wait for each use case to finish.
'use strict';

const { Buffer } = require('node:buffer');
const { createHmac, randomBytes } = require('node:crypto');
const { readFileSync } = require('node:fs');

const DEFAULT_PASSWORD = 'Examp1e!Passw0rd';

/**
 * The configuration comes from a JSON file (first argument, or COGNITO_CONFIG) shaped like
 * `{ endpoint, region, password, usernamePrefix, profiles: { basic: { UserPoolId, ClientId }, … },
 * invitedUser: { profile, username } }`, or from single environment variables that describe one
 * pool (COGNITO_ENDPOINT, COGNITO_USER_POOL_ID, COGNITO_CLIENT_ID, COGNITO_USERNAME,
 * COGNITO_PASSWORD); then every profile is that pool.
 */
function loadConfig(argv = process.argv.slice(2), env = process.env) {
	const file = argv.find((a) => !a.startsWith('-')) || env.COGNITO_CONFIG;
	if (file) {
		const config = JSON.parse(readFileSync(file, 'utf8'));
		return normalise(config);
	}
	if (!env.COGNITO_USER_POOL_ID || !env.COGNITO_CLIENT_ID) {
		throw new Error(
			'No configuration: pass a JSON file, or set COGNITO_ENDPOINT, COGNITO_USER_POOL_ID and COGNITO_CLIENT_ID',
		);
	}
	const pool = { UserPoolId: env.COGNITO_USER_POOL_ID, ClientId: env.COGNITO_CLIENT_ID };
	return normalise({
		endpoint: env.COGNITO_ENDPOINT,
		usernamePrefix: env.COGNITO_USERNAME,
		password: env.COGNITO_PASSWORD,
		profiles: { basic: pool },
	});
}

function normalise(config) {
	const profiles = config.profiles || {};
	const basic = profiles.basic;
	if (!basic) throw new Error('The configuration needs at least profiles.basic');
	return {
		endpoint: config.endpoint || undefined,
		region: config.region || basic.UserPoolId.split('_')[0],
		password: config.password || DEFAULT_PASSWORD,
		usernamePrefix: config.usernamePrefix || 'example',
		invitedUser: config.invitedUser,
		profiles,
	};
}

const PROFILE_NEEDS = {
	basic: 'a pool that auto-verifies e-mail',
	mfaOptional: 'a pool with MFA OPTIONAL',
	mfaOn: 'a pool with MFA ON',
	devices: 'a pool with device tracking',
	choice:
		'a pool and app client with choice-based sign-in (ALLOW_USER_AUTH; password, email and SMS codes)',
	emailMfa: 'a pool with MFA OPTIONAL and email MFA',
	emailMfaOn: 'a pool with MFA ON and email MFA',
	rotation: 'an app client with refresh-token rotation (a short grace period)',
};

/** Thrown for a use case whose pool is not configured; the runner reports it as skipped. */
class MissingProfile extends Error {
	constructor(profile) {
		super(`needs ${PROFILE_NEEDS[profile] || profile} (profiles.${profile} in the configuration)`);
		this.skip = true;
	}
}

function profileOf(config, profile) {
	const p = config.profiles[profile];
	if (!p) throw new MissingProfile(profile);
	return p;
}

/** A fresh, unique username for one example run. */
function newUsername(config, tag) {
	return `${config.usernamePrefix}-${tag}-${randomBytes(4).toString('hex')}`;
}

/** The pool data an application would put in its configuration. */
function poolData(config, profile = 'basic', extra = {}) {
	const p = profileOf(config, profile);
	return { UserPoolId: p.UserPoolId, ClientId: p.ClientId, endpoint: config.endpoint, ...extra };
}

/**
 * The newest code of one kind the local pool delivered to a user (`confirmation`,
 * `forgot-password`, `attribute-verification`, `sms-mfa`, `email-mfa`, `email-otp`, `sms-otp`,
 * `custom-challenge`, `invitation`).
 */
async function readCode(config, profile, username, kind) {
	const messages = await readMessages(config, profile, username, kind);
	const last = messages[messages.length - 1];
	if (!last) throw new Error(`No ${kind} message for ${username} in the outbox`);
	return last.code;
}

/**
 * The outbox kind of each one-time-code challenge of a sign-in without a password. The same
 * EMAIL_OTP challenge after a password (email MFA) sends an `email-mfa` code.
 */
const OTP_KINDS = { EMAIL_OTP: 'email-otp', SMS_OTP: 'sms-otp' };

/** The newest code of a passwordless EMAIL_OTP or SMS_OTP challenge sent to a user. */
function readOtpCode(config, profile, username, challengeName) {
	const kind = OTP_KINDS[challengeName];
	if (!kind) throw new Error(`No one-time code for ${challengeName}`);
	return readCode(config, profile, username, kind);
}

async function readMessages(config, profile, username, kind) {
	if (!config.endpoint) throw new Error('Codes can only be read from a local pool (endpoint)');
	const url = new URL('/_local/outbox', config.endpoint);
	url.searchParams.set('pool', profileOf(config, profile).UserPoolId);
	url.searchParams.set('username', username);
	url.searchParams.set('kind', kind);
	const res = await globalThis.fetch(url.toString());
	if (!res.ok) throw new Error(`outbox: HTTP ${res.status}`);
	const body = await res.json();
	return body.messages;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32ToBytes(text) {
	const out = [];
	let acc = 0;
	let bits = 0;
	for (const ch of text.replace(/=+$/, '').toUpperCase()) {
		const v = BASE32.indexOf(ch);
		if (v < 0) throw new Error(`Not base32: ${ch}`);
		acc = (acc << 5) | v;
		bits += 5;
		if (bits >= 8) {
			bits -= 8;
			out.push((acc >> bits) & 0xff);
		}
	}
	return Uint8Array.from(out);
}

/** Time steps whose code was already given out, per secret: the pool accepts each code once. */
const usedSteps = new Map();

/**
 * A 6-digit RFC 6238 code (HMAC-SHA1, 30 s) the pool has not seen yet. A person would wait
 * for the authenticator's next code; the examples instead take the current step's code, else
 * the next or the previous one, which the pool still accepts for clock skew.
 */
function totpCode(secret, timeMs = Date.now()) {
	const now = Math.floor(timeMs / 30000);
	const used = usedSteps.get(secret) || new Set();
	usedSteps.set(secret, used);
	const step = [now, now + 1, now - 1].find((s) => !used.has(s));
	if (step === undefined) throw new Error('every TOTP code of this half-minute is used');
	used.add(step);
	return totpForStep(secret, step);
}

/** The code of one time step. */
function totpForStep(secret, step) {
	let counter = step;
	const message = new Uint8Array(8);
	for (let i = 7; i >= 0; i--) {
		message[i] = counter & 0xff;
		counter = Math.floor(counter / 256);
	}
	const mac = createHmac('sha1', base32ToBytes(secret)).update(message).digest();
	const offset = mac[mac.length - 1] & 0x0f;
	const value =
		((mac[offset] & 0x7f) << 24) |
		(mac[offset + 1] << 16) |
		(mac[offset + 2] << 8) |
		mac[offset + 3];
	return String(value % 1000000).padStart(6, '0');
}

/** Decodes a JWT's payload (no verification; the examples only read claims). */
function jwtPayload(jwt) {
	const part = jwt.split('.')[1];
	return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
}

/** Runs `start(resolve, reject)` and settles once; the example's callbacks call one of them. */
function settle(start) {
	return new Promise((resolve, reject) => {
		try {
			start(resolve, reject);
		} catch (error) {
			reject(error);
		}
	});
}

/** `fn(…args, (err, result) => …)` as a promise. */
function nodeCallback(fn) {
	return settle((resolve, reject) => fn((err, result) => (err ? reject(err) : resolve(result))));
}

function check(condition, message) {
	if (!condition) throw new Error(`Check failed: ${message}`);
}

function expectError(promise, code) {
	return promise.then(
		() => {
			throw new Error(`Expected ${code}, but the call succeeded`);
		},
		(err) => {
			if (err && err.code === code) return err;
			throw new Error(`Expected ${code}, got ${(err && (err.code || err.message)) || err}`);
		},
	);
}

/** The Logins map of AWS.CognitoIdentityCredentials, built from a session's id token. */
function loginsFor(config, poolId, session) {
	return {
		[`cognito-idp.${config.region}.amazonaws.com/${poolId}`]: session.getIdToken().getJwtToken(),
	};
}

/** Signs a user up and confirms them with the code from the outbox. */
async function signUpConfirmed(AmazonCognitoIdentity, config, profile, tag, attrs = {}) {
	const username = newUsername(config, tag);
	const userPool = new AmazonCognitoIdentity.CognitoUserPool(poolData(config, profile));
	const attributeList = Object.entries({ email: `${username}@example.com`, ...attrs }).map(
		([Name, Value]) => new AmazonCognitoIdentity.CognitoUserAttribute({ Name, Value }),
	);
	const result = await nodeCallback((cb) =>
		userPool.signUp(username, config.password, attributeList, null, cb),
	);
	const code = await readCode(config, profile, username, 'confirmation');
	await nodeCallback((cb) => result.user.confirmRegistration(code, true, cb));
	return { username, userPool };
}

/** A signed-in CognitoUser (SRP), with the session in the given storage. */
async function signIn(AmazonCognitoIdentity, config, profile, username, options = {}) {
	const userPool =
		options.userPool ||
		new AmazonCognitoIdentity.CognitoUserPool(
			poolData(config, profile, options.storage ? { Storage: options.storage } : {}),
		);
	const cognitoUser = new AmazonCognitoIdentity.CognitoUser({
		Username: username,
		Pool: userPool,
		Storage: options.storage,
	});
	const authenticationDetails = new AmazonCognitoIdentity.AuthenticationDetails({
		Username: username,
		Password: options.password || config.password,
	});
	const session = await settle((resolve, reject) =>
		cognitoUser.authenticateUser(authenticationDetails, {
			onSuccess: (s, userConfirmationNecessary) =>
				resolve(Object.assign(s, { userConfirmationNecessary })),
			onFailure: reject,
			mfaRequired: () => reject(new Error('unexpected SMS MFA challenge')),
			totpRequired: () => reject(new Error('unexpected TOTP challenge')),
			mfaSetup: () => reject(new Error('unexpected MFA setup challenge')),
			newPasswordRequired: () => reject(new Error('unexpected new password challenge')),
		}),
	);
	return { cognitoUser, userPool, session };
}

/**
 * Signs in and answers whatever MFA challenge comes: SMS codes from the outbox, TOTP codes from
 * `options.totpSecret`, and `options.select` for SELECT_MFA_TYPE. Resolves with the session and
 * the names of the challenge callbacks that fired, in order.
 */
async function signInAnsweringMfa(AmazonCognitoIdentity, config, profile, username, options = {}) {
	const userPool = new AmazonCognitoIdentity.CognitoUserPool(poolData(config, profile));
	const cognitoUser = new AmazonCognitoIdentity.CognitoUser({ Username: username, Pool: userPool });
	if (options.flow) cognitoUser.setAuthenticationFlowType(options.flow);
	const authenticationDetails = new AmazonCognitoIdentity.AuthenticationDetails({
		Username: username,
		Password: options.password || config.password,
	});
	const seen = [];
	const session = await settle((resolve, reject) =>
		cognitoUser.authenticateUser(authenticationDetails, {
			onSuccess: resolve,
			onFailure: reject,
			mfaRequired() {
				seen.push('mfaRequired');
				readCode(config, profile, username, 'sms-mfa').then(
					(code) => cognitoUser.sendMFACode(code, this),
					reject,
				);
			},
			totpRequired() {
				seen.push('totpRequired');
				cognitoUser.sendMFACode(totpCode(options.totpSecret), this, 'SOFTWARE_TOKEN_MFA');
			},
			selectMFAType() {
				seen.push('selectMFAType');
				cognitoUser.sendMFASelectionAnswer(options.select, this);
			},
			mfaSetup: () => reject(new Error('unexpected MFA setup challenge')),
			newPasswordRequired: () => reject(new Error('unexpected new password challenge')),
		}),
	);
	return { cognitoUser, userPool, session, seen };
}

/**
 * Records the service actions (the X-Amz-Target of each request) sent until `stop()`, to show
 * how many round trips a flow takes. The library reads the global fetch on every request.
 */
function recordActions() {
	const original = globalThis.fetch;
	const actions = [];
	globalThis.fetch = (url, init) => {
		const target = init && init.headers && init.headers['X-Amz-Target'];
		if (target) actions.push(String(target).split('.').pop());
		return original(url, init);
	};
	return { actions, stop: () => void (globalThis.fetch = original) };
}

/** Waits `ms` milliseconds (for a grace period on the pool's clock, say). */
function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A storage object of its own: one per simulated device or browser. */
function memoryStorage() {
	const data = new Map();
	return {
		setItem: (k, v) => void data.set(k, String(v)),
		getItem: (k) => (data.has(k) ? data.get(k) : null),
		removeItem: (k) => void data.delete(k),
		clear: () => data.clear(),
		keys: () => [...data.keys()],
	};
}

module.exports = {
	DEFAULT_PASSWORD,
	loadConfig,
	newUsername,
	poolData,
	readCode,
	readMessages,
	readOtpCode,
	totpCode,
	jwtPayload,
	settle,
	nodeCallback,
	check,
	expectError,
	loginsFor,
	signUpConfirmed,
	signIn,
	signInAnsweringMfa,
	memoryStorage,
	recordActions,
	sleep,
};
