// The app logic shared by the three browser examples (script tag, webpack, Vite). It takes the
// library as an argument, so each example loads amazon-cognito-identity-js the way its users do
// and hands the namespace over.
//
// On load the app looks for a signed-in user in localStorage (use case 16):
//  - none: sign up, confirm with the code from the local pool's outbox, log in over SRP and
//    remember the device (use cases 1, 2, 4, 20, 19), then sign in without the password, with a
//    code sent by email (use case 34);
//  - one: restore the session, log in again through device SRP, try CookieStorage (use case 26,
//    with use case 21), sign out revoking the tokens, then forget the device (use case 22).
// Every step lands in window.__results.steps and in <pre id="log">.
/* global window, document, localStorage, fetch, URLSearchParams, AbortController */

/** Reads the pool and the user from the page's query string. */
export function readConfig(search) {
	const query = new URLSearchParams(search);
	const config = {
		endpoint: query.get('endpoint') || '',
		UserPoolId: query.get('UserPoolId') || '',
		ClientId: query.get('ClientId') || '',
		username: query.get('username') || '',
		password: query.get('password') || '',
		email: query.get('email') || '',
		cookieDomain: query.get('cookieDomain') || window.location.hostname,
	};
	const missing = ['endpoint', 'UserPoolId', 'ClientId', 'username', 'password'].filter(
		(key) => !config[key],
	);
	if (missing.length > 0) throw new Error(`Missing query parameters: ${missing.join(', ')}`);
	if (!config.email) config.email = `${config.username}@example.com`;
	return config;
}

/** Entry point for the examples: reads the query string, then runs the flows. */
export function start(lib, promises) {
	let config;
	try {
		config = readConfig(window.location.search);
	} catch (error) {
		window.__results = { phase: null, steps: {}, done: false, failed: String(error.message) };
		const logElement = document.getElementById('log');
		if (logElement) logElement.textContent = String(error.message);
		return Promise.resolve(window.__results);
	}
	return runDemo(lib, config, promises);
}

/**
 * Runs the flows for this page load and reports into window.__results and #log. `promises`,
 * given by the apps that load amazon-cognito-identity-js/promises, adds the async/await sign-in.
 */
export async function runDemo(lib, config, promises) {
	const results = { phase: null, steps: {}, done: false, failed: null };
	window.__results = results;
	// The webpack and Vite pages are the sign-in app's: there the flows bring their own log.
	const logElement =
		document.getElementById('log') ||
		document.body.appendChild(Object.assign(document.createElement('pre'), { id: 'log' }));
	const log = (line) => {
		if (logElement) logElement.textContent += `${line}\n`;
	};

	const step = async (name, body) => {
		log(`… ${name}`);
		try {
			const value = await body();
			results.steps[name] = { ok: true, value };
			log(`✓ ${name} ${JSON.stringify(value)}`);
			return value;
		} catch (error) {
			const detail = { code: error && error.code, message: String(error && error.message) };
			results.steps[name] = { ok: false, error: detail };
			log(`✗ ${name} ${JSON.stringify(detail)}`);
			throw error;
		}
	};

	try {
		const userPool = new lib.CognitoUserPool(poolData(config));
		const current = userPool.getCurrentUser();
		results.phase = current ? 'resume' : 'fresh';
		log(`phase: ${results.phase}`);
		if (current) await resume(lib, config, userPool, current, step);
		else await fresh(lib, config, userPool, step, promises);
		results.done = true;
		log('done');
	} catch (error) {
		results.failed = String(error && error.message);
		log(`failed: ${results.failed}`);
	}
	return results;
}

async function fresh(lib, config, userPool, step, promises) {
	const keys = storageKeys(config);

	await step('signUp', async () => {
		const attributes = [new lib.CognitoUserAttribute({ Name: 'email', Value: config.email })];
		const result = await nodeStyle((cb) =>
			userPool.signUp(config.username, config.password, attributes, [], cb),
		);
		return {
			username: result.user.getUsername(),
			userConfirmed: result.userConfirmed,
			userSub: result.userSub,
			destination: result.codeDeliveryDetails && result.codeDeliveryDetails.Destination,
		};
	});

	await step('confirm', async () => {
		const code = await outboxCode(config, 'confirmation');
		const user = new lib.CognitoUser({ Username: config.username, Pool: userPool });
		return nodeStyle((cb) => user.confirmRegistration(code, true, cb));
	});

	const user = new lib.CognitoUser({ Username: config.username, Pool: userPool });
	const login = await step('login', async () => {
		const { session, userConfirmationNecessary } = await authenticate(lib, user, config);
		return {
			valid: session.isValid(),
			userConfirmationNecessary: userConfirmationNecessary === true,
			sub: session.getIdToken().decodePayload().sub,
			lastAuthUser: localStorage.getItem(keys.lastAuthUser),
			idTokenStored:
				localStorage.getItem(keys.user('idToken')) === session.getIdToken().getJwtToken(),
			accessTokenStored:
				localStorage.getItem(keys.user('accessToken')) === session.getAccessToken().getJwtToken(),
			refreshTokenStored:
				localStorage.getItem(keys.user('refreshToken')) === session.getRefreshToken().getToken(),
		};
	});

	await step('rememberDevice', async () => {
		// The pool asks the user whether to remember this device (use case 4's note); say yes.
		const answer = login.userConfirmationNecessary
			? await resultCallbacks((cbs) => user.setDeviceStatusRemembered(cbs))
			: 'not asked';
		return { answer, ...deviceKeysIn(localStorage, keys) };
	});

	await step('getDevice', async () => {
		const { Device } = await resultCallbacks((cbs) => user.getDevice(cbs));
		return { deviceKey: Device.DeviceKey, attributes: attributeMap(Device.DeviceAttributes) };
	});

	// Use case 34: choice-based sign-in (USER_AUTH) with an email code instead of the password.
	// Its tokens go to a store of their own (another tab or device, say), so the session and the
	// remembered device above stay as they are for the reload.
	await step('emailCodeLogin', async () => {
		const storage = mapStorage();
		const pool = new lib.CognitoUserPool({ ...poolData(config), Storage: storage });
		const emailUser = new lib.CognitoUser({
			Username: config.username,
			Pool: pool,
			Storage: storage,
		});
		emailUser.setAuthenticationFlowType('USER_AUTH');
		const details = new lib.AuthenticationDetails({
			Username: config.username,
			PreferredChallenge: 'EMAIL_OTP',
		});
		let delivery = {};
		const session = await new Promise((resolve, reject) => {
			emailUser.authenticateUser(details, {
				onSuccess: resolve,
				onFailure: reject,
				emailOtpRequired(challengeName, challengeParameters) {
					delivery = challengeParameters;
					// The user types the code from the email; here it comes from the outbox.
					outboxCode(config, 'email-otp').then((code) => emailUser.sendOtpCode(code, this), reject);
				},
			});
		});
		return {
			valid: session.isValid(),
			sub: session.getIdToken().decodePayload().sub,
			medium: delivery.CODE_DELIVERY_DELIVERY_MEDIUM,
			destination: delivery.CODE_DELIVERY_DESTINATION,
			refreshTokenStored:
				storage.getItem(keys.user('refreshToken')) === session.getRefreshToken().getToken(),
		};
	});
	// The README's async/await sign-in (amazon-cognito-identity-js/promises), into a store of its
	// own like the email-code sign-in: first with an aborted signal, then for real.
	if (promises) {
		await step('promisesLogin', async () => {
			const storage = mapStorage();
			const pool = new lib.CognitoUserPool({ ...poolData(config), Storage: storage });
			const asyncUser = new lib.CognitoUser({
				Username: config.username,
				Pool: pool,
				Storage: storage,
			});
			const details = new lib.AuthenticationDetails({
				Username: config.username,
				Password: config.password,
			});
			const controller = new AbortController();
			controller.abort();
			const aborted = await promises.signIn(asyncUser, details, { signal: controller.signal }).then(
				() => 'resolved',
				(error) => error.name,
			);
			const storedAfterAbort = storage.getItem(keys.lastAuthUser);
			const signedIn = await promises.signIn(asyncUser, details);
			if (signedIn.kind !== 'signedIn') throw new Error(`unexpected step ${signedIn.kind}`);
			const attributes = await promises.getUserAttributes(asyncUser);
			const email = attributes.find((attribute) => attribute.getName() === 'email');
			return {
				aborted,
				storedAfterAbort,
				kind: signedIn.kind,
				valid: signedIn.session.isValid(),
				sub: signedIn.session.getIdToken().decodePayload().sub,
				email: email && email.getValue(),
				accessTokenStored:
					storage.getItem(keys.user('accessToken')) ===
					signedIn.session.getAccessToken().getJwtToken(),
			};
		});
	}
}

/** A storage of its own, kept in memory (the package exports no MemoryStorage at runtime). */
function mapStorage() {
	const data = new Map();
	return {
		setItem: (key, value) => void data.set(key, String(value)),
		getItem: (key) => (data.has(key) ? data.get(key) : null),
		removeItem: (key) => void data.delete(key),
		clear: () => data.clear(),
	};
}

async function resume(lib, config, userPool, current, step) {
	const keys = storageKeys(config);

	const restored = await step('restore', async () => {
		const session = await nodeStyle((cb) => current.getSession(cb));
		return {
			username: current.getUsername(),
			valid: session.isValid(),
			sub: session.getIdToken().decodePayload().sub,
			accessToken: session.getAccessToken().getJwtToken(),
			deviceKey: localStorage.getItem(keys.user('deviceKey')),
		};
	});

	const user = new lib.CognitoUser({ Username: config.username, Pool: userPool });
	await step('deviceLogin', async () => {
		const { session, userConfirmationNecessary } = await authenticate(lib, user, config);
		return {
			valid: session.isValid(),
			userConfirmationNecessary: userConfirmationNecessary === true,
			accessTokenChanged: session.getAccessToken().getJwtToken() !== restored.accessToken,
			deviceKeyClaim: session.getAccessToken().decodePayload().device_key,
			...deviceKeysIn(localStorage, keys),
		};
	});

	// Use case 26: tokens in cookies instead. The pool and the user get the same storage.
	const cookieStorage = new lib.CookieStorage({ domain: config.cookieDomain, secure: false });
	const cookiePool = new lib.CognitoUserPool({ ...poolData(config), Storage: cookieStorage });
	await step('cookieLogin', async () => {
		const cookieUser = new lib.CognitoUser({
			Username: config.username,
			Pool: cookiePool,
			Storage: cookieStorage,
		});
		const { session, userConfirmationNecessary } = await authenticate(lib, cookieUser, config);
		// A second device for the same user: this time decline to remember it (use case 21).
		const answer =
			userConfirmationNecessary === true
				? await resultCallbacks((cbs) => cookieUser.setDeviceStatusNotRemembered(cbs))
				: 'not asked';
		const cookies = cookieJar();
		return {
			valid: session.isValid(),
			answer,
			lastAuthUser: cookies[keys.lastAuthUser] || null,
			idTokenInCookie: cookies[keys.user('idToken')] === session.getIdToken().getJwtToken(),
			accessTokenInCookie:
				cookies[keys.user('accessToken')] === session.getAccessToken().getJwtToken(),
			refreshTokenInCookie:
				cookies[keys.user('refreshToken')] === session.getRefreshToken().getToken(),
			cookieDeviceKey: cookies[keys.user('deviceKey')] || null,
			localDeviceKey: localStorage.getItem(keys.user('deviceKey')),
		};
	});

	await step('cookieSession', async () => {
		const fromCookies = cookiePool.getCurrentUser();
		if (!fromCookies) throw new Error('getCurrentUser() found nobody in the cookies');
		const session = await nodeStyle((cb) => fromCookies.getSession(cb));
		return { username: fromCookies.getUsername(), valid: session.isValid() };
	});

	await step('cookieSignOut', async () => {
		const fromCookies = cookiePool.getCurrentUser();
		if (!fromCookies) throw new Error('getCurrentUser() found nobody in the cookies');
		const session = await nodeStyle((cb) => fromCookies.getSession(cb));
		await signOut(fromCookies);
		return {
			accessToken: session.getAccessToken().getJwtToken(),
			refreshToken: session.getRefreshToken().getToken(),
			tokenCookiesLeft: Object.keys(cookieJar()).filter((name) => isTokenKey(name, keys)),
			currentUser: cookiePool.getCurrentUser() === null ? null : 'still there',
		};
	});

	await step('signOut', async () => {
		const session = user.getSignInUserSession();
		await signOut(user);
		const left = [];
		for (let i = 0; i < localStorage.length; i += 1) {
			const name = localStorage.key(i);
			if (name && isTokenKey(name, keys)) left.push(name);
		}
		return {
			accessToken: session.getAccessToken().getJwtToken(),
			refreshToken: session.getRefreshToken().getToken(),
			tokenKeysLeft: left,
			currentUser: userPool.getCurrentUser() === null ? null : 'still there',
		};
	});

	// Use case 22 needs a session: log in once more (device SRP again), forget the device, and
	// sign out without a callback (storage is cleared at once; the refresh token is revoked in
	// the background).
	await step('forgetDevice', async () => {
		const again = new lib.CognitoUser({ Username: config.username, Pool: userPool });
		const { session } = await authenticate(lib, again, config);
		const answer = await resultCallbacks((cbs) => again.forgetDevice(cbs));
		const keysAfter = deviceKeysIn(localStorage, keys);
		again.signOut();
		return {
			answer,
			deviceKeyClaim: session.getAccessToken().decodePayload().device_key,
			refreshToken: session.getRefreshToken().getToken(),
			...keysAfter,
		};
	});
}

function poolData(config) {
	return { UserPoolId: config.UserPoolId, ClientId: config.ClientId, endpoint: config.endpoint };
}

function storageKeys(config) {
	const prefix = `CognitoIdentityServiceProvider.${config.ClientId}`;
	return {
		prefix,
		lastAuthUser: `${prefix}.LastAuthUser`,
		user: (name) => `${prefix}.${config.username}.${name}`,
	};
}

function isTokenKey(name, keys) {
	return (
		name === keys.lastAuthUser ||
		['idToken', 'accessToken', 'refreshToken', 'clockDrift', 'userData'].some(
			(suffix) => name === keys.user(suffix),
		)
	);
}

function deviceKeysIn(storage, keys) {
	return {
		deviceKey: storage.getItem(keys.user('deviceKey')),
		deviceGroupKey: storage.getItem(keys.user('deviceGroupKey')),
		randomPasswordKey: storage.getItem(keys.user('randomPasswordKey')),
	};
}

function attributeMap(list) {
	const out = {};
	for (const { Name, Value } of list || []) out[Name] = Value;
	return out;
}

/** document.cookie as name → value (names and values URI-decoded, as js-cookie writes them). */
function cookieJar() {
	const jar = {};
	for (const part of document.cookie.split('; ')) {
		if (!part) continue;
		const at = part.indexOf('=');
		jar[decodeURIComponent(part.slice(0, at))] = decodeURIComponent(part.slice(at + 1));
	}
	return jar;
}

/** The latest code the local pool "sent" to this user (server/README.md, Outbox). */
async function outboxCode(config, kind) {
	const query = new URLSearchParams({ pool: config.UserPoolId, username: config.username, kind });
	const response = await fetch(`${config.endpoint}/_local/outbox?${query}`);
	if (!response.ok) throw new Error(`outbox answered ${response.status}`);
	const { messages } = await response.json();
	const last = messages[messages.length - 1];
	if (!last) throw new Error(`no ${kind} code in the outbox`);
	return last.code;
}

function authenticate(lib, user, config) {
	const details = new lib.AuthenticationDetails({
		Username: config.username,
		Password: config.password,
	});
	return new Promise((resolve, reject) => {
		user.authenticateUser(details, {
			onSuccess: (session, userConfirmationNecessary) =>
				resolve({ session, userConfirmationNecessary }),
			onFailure: reject,
			newPasswordRequired: () => reject(new Error('unexpected NEW_PASSWORD_REQUIRED')),
			mfaRequired: () => reject(new Error('unexpected SMS_MFA')),
			totpRequired: () => reject(new Error('unexpected SOFTWARE_TOKEN_MFA')),
			customChallenge: () => reject(new Error('unexpected CUSTOM_CHALLENGE')),
			mfaSetup: () => reject(new Error('unexpected MFA_SETUP')),
			selectMFAType: () => reject(new Error('unexpected SELECT_MFA_TYPE')),
		});
	});
}

/** signOut with a callback revokes the refresh token (RevokeToken) before clearing storage. */
function signOut(user) {
	return new Promise((resolve, reject) => {
		user.signOut((err) => (err ? reject(err) : resolve()));
	});
}

function nodeStyle(start) {
	return new Promise((resolve, reject) => {
		start((err, result) => (err ? reject(err) : resolve(result)));
	});
}

function resultCallbacks(start) {
	return new Promise((resolve, reject) => {
		start({ onSuccess: resolve, onFailure: reject });
	});
}
