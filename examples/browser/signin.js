// The sign-in app of the browser examples: sign up, confirm, sign in with a password, an email
// or SMS code or a passkey, answer MFA, remember the device, and a signed-in view with the
// user's devices and passkeys. It takes the library as an argument so that the script-tag page
// and the webpack and Vite builds hand over the package the way their users load it.
/* global window, document, URLSearchParams, FormData, Event */
import { describeError, fillList, renderShell } from './view.js';
import { watchOutbox } from './outbox.js';
import { offerPasskeyAutofill } from './autofill.js';

/** Reads the pool from the query string (what `npm run example:browser` prints). */
function readPoolConfig(search) {
	const query = new URLSearchParams(search);
	const config = {
		endpoint: query.get('endpoint') || '',
		UserPoolId: query.get('UserPoolId') || '',
		ClientId: query.get('ClientId') || '',
	};
	const missing = ['UserPoolId', 'ClientId'].filter((key) => !config[key]);
	if (missing.length > 0) {
		throw new Error(
			`This page needs ${missing.join(' and ')} in its address: start it with npm run example:browser.`,
		);
	}
	return config;
}

/** Renders the app into `root` and wires it to the library `lib`. */
export function startSignInApp(lib, root = document.getElementById('app')) {
	renderShell(root);
	const $ = (selector) => root.querySelector(selector);
	const ui = {
		show(view) {
			for (const section of root.querySelectorAll('[data-view]')) {
				section.hidden = section.dataset.view !== view;
			}
		},
		say(text) {
			$('#message').textContent = text;
			$('#error').textContent = '';
		},
		fail(error) {
			$('#message').textContent = '';
			$('#error').textContent = describeError(error);
		},
	};
	let config;
	try {
		config = readPoolConfig(window.location.search);
	} catch (error) {
		ui.show('none');
		ui.fail(error);
		return;
	}
	const poolData = { UserPoolId: config.UserPoolId, ClientId: config.ClientId };
	if (config.endpoint) poolData.endpoint = config.endpoint;
	const app = { lib, ui, $, pool: new lib.CognitoUserPool(poolData), config, user: null };

	for (const button of root.querySelectorAll('[data-go]')) {
		button.addEventListener('click', () => {
			ui.say('');
			ui.show(button.dataset.go);
		});
	}
	const signinForm = $('#signin-form');
	const syncMethod = () => {
		const method = signinForm.elements.method.value;
		$('[data-for-method="PASSWORD"]').hidden = method !== 'PASSWORD';
	};
	signinForm.addEventListener('change', syncMethod);
	syncMethod();
	const stopAutofill = offerPasskeyAutofill(
		app,
		signinForm.elements.password,
		signinForm.elements.username,
		(user) => signInCallbacks(app, user, { remember: signinForm.elements.remember.checked }),
	);
	onSubmit(signinForm, (fields) => {
		stopAutofill();
		signIn(app, fields);
	});
	onSubmit($('#signup-form'), (fields) => signUp(app, fields));
	onSubmit($('#confirm-form'), (fields) => confirm(app, fields.code));
	onSubmit($('#code-form'), (fields) => app.answerCode(fields.code.trim()));
	$('#signout').addEventListener('click', () => signOut(app));
	$('#add-passkey').addEventListener('click', () => addPasskey(app));
	$('#mfa-toggle').addEventListener('click', () => toggleEmailMfa(app));

	if (config.endpoint) watchOutbox(app);
	else $('#outbox').hidden = true;
	const current = app.pool.getCurrentUser();
	if (current) {
		current.getSession((error, session) => {
			if (error || !session) ui.show('signin');
			else showHome(app, current, session);
		});
	} else {
		ui.show('signin');
	}
}

function onSubmit(form, handler) {
	form.addEventListener('submit', (event) => {
		event.preventDefault();
		const fields = Object.fromEntries(new FormData(form).entries());
		handler(fields);
	});
}

function signUp(app, { username, email, password }) {
	const { lib, ui } = app;
	const attributes = [new lib.CognitoUserAttribute({ Name: 'email', Value: email })];
	app.pool.signUp(username.trim(), password, attributes, null, (error, result) => {
		if (error) return ui.fail(error);
		app.user = result.user;
		const where = result.codeDeliveryDetails && result.codeDeliveryDetails.Destination;
		app.$('#confirm-hint').textContent = `We sent a confirmation code to ${where || 'you'}.`;
		ui.say('Account created. One more step.');
		ui.show('confirm');
	});
}

function confirm(app, code) {
	const { ui } = app;
	app.user.confirmRegistration(code.trim(), true, (error) => {
		if (error) return ui.fail(error);
		app.$('#signin-form').elements.username.value = app.user.getUsername();
		ui.say('Your account is confirmed. Sign in.');
		ui.show('signin');
	});
}

/** Starts a sign-in with the chosen factor; the callbacks below carry it to the end. */
function signIn(app, { username, method, password, remember }) {
	const { lib } = app;
	const user = new lib.CognitoUser({ Username: username.trim(), Pool: app.pool });
	let details;
	if (method === 'PASSWORD') {
		details = new lib.AuthenticationDetails({ Username: username.trim(), Password: password });
	} else {
		// Choice-based sign-in: the pool sends a code, or asks for a passkey, for this factor.
		user.setAuthenticationFlowType('USER_AUTH');
		details = new lib.AuthenticationDetails({
			Username: username.trim(),
			PreferredChallenge: method,
		});
	}
	app.ui.say(method === 'WEB_AUTHN' ? 'Waiting for your passkey…' : 'Signing in…');
	user.authenticateUser(details, signInCallbacks(app, user, { password, remember: !!remember }));
}

function signInCallbacks(app, user, { password, remember }) {
	const { ui } = app;
	const askCode = (title, params, answer) => {
		app.$('#code-title').textContent = title;
		const where = params && params.CODE_DELIVERY_DESTINATION;
		app.$('#code-hint').textContent = where ? `We sent it to ${where}.` : '';
		app.$('#code-form').reset();
		app.answerCode = answer;
		ui.say('');
		ui.show('code');
		app.$('#code-form').elements.code.focus();
	};
	const choose = (title, options, answer) => {
		app.$('#choose-title').textContent = title;
		const box = app.$('#choices');
		box.replaceChildren(
			...options.map((option) => {
				const button = document.createElement('button');
				button.type = 'button';
				button.textContent = LABELS[option] || option;
				button.addEventListener('click', () => answer(option));
				return button;
			}),
		);
		ui.show('choose');
	};
	const callbacks = {
		onSuccess(session) {
			if (!remember) return showHome(app, user, session);
			user.setDeviceStatusRemembered({
				onSuccess: () => showHome(app, user, session, 'Signed in. This device is remembered.'),
				onFailure: (error) => {
					showHome(app, user, session);
					ui.fail(error);
				},
			});
		},
		onFailure(error) {
			ui.fail(error);
			// A mistyped code can be typed again: the pool keeps the sign-in open for a few tries.
			if (error && error.code === 'CodeMismatchException') {
				app.$('#code-form').reset();
				return;
			}
			ui.show('signin');
		},
		emailOtpRequired(_name, params) {
			askCode('Enter the code from your email', params, (code) => user.sendOtpCode(code, this));
		},
		smsOtpRequired(_name, params) {
			askCode('Enter the code from your text message', params, (code) =>
				user.sendOtpCode(code, this),
			);
		},
		mfaRequired(_name, params) {
			askCode('Enter the code from your text message', params, (code) =>
				user.sendMFACode(code, this),
			);
		},
		totpRequired() {
			askCode('Enter the code from your authenticator app', null, (code) =>
				user.sendMFACode(code, this, 'SOFTWARE_TOKEN_MFA'),
			);
		},
		selectMFAType(_name, params) {
			const options = JSON.parse(params.MFAS_CAN_CHOOSE || '[]');
			choose('Choose your second step', options, (answer) =>
				user.sendMFASelectionAnswer(answer, this),
			);
		},
		selectChallenge(available) {
			// One "Password" button: SRP where offered, so the password itself is never sent.
			const options = available.filter(
				(name) => name !== 'PASSWORD' || !available.includes('PASSWORD_SRP'),
			);
			choose('That way is not available for this account. Choose another', options, (answer) => {
				if (password || !answer.startsWith('PASSWORD')) {
					user.sendChallengeSelection(answer, this, { password });
					return;
				}
				// The password goes with the choice: back to the form to type it.
				const form = app.$('#signin-form');
				form.elements.method.value = 'PASSWORD';
				form.dispatchEvent(new Event('change'));
				ui.say('Type your password.');
				ui.show('signin');
			});
		},
		mfaSetup() {
			ui.fail(new Error('This pool asks for MFA setup, which this example does not cover.'));
			ui.show('signin');
		},
		newPasswordRequired() {
			ui.fail(
				new Error('This account must set a new password, which this example does not cover.'),
			);
			ui.show('signin');
		},
	};
	return callbacks;
}

const LABELS = {
	PASSWORD: 'Password',
	PASSWORD_SRP: 'Password',
	EMAIL_OTP: 'Email code',
	SMS_OTP: 'SMS code',
	SMS_MFA: 'SMS code',
	SOFTWARE_TOKEN_MFA: 'Authenticator app',
	WEB_AUTHN: 'Passkey',
};

/** The signed-in view: who, until when, MFA, passkeys and devices. */
function showHome(app, user, session, note) {
	const { ui, $ } = app;
	app.user = user;
	const expires = new Date(session.getAccessToken().getExpiration() * 1000);
	$('#home-user').textContent = user.getUsername();
	$('#home-expiry').textContent = `${expires.toLocaleString()} (access token)`;
	$('#home-email').textContent = '…';
	$('#home-mfa').textContent = '…';
	ui.show('home');
	ui.say(note || `Welcome, ${user.getUsername()}.`);
	showProfile(app);
	listPasskeys(app);
	listDevices(app);
}

/** The user's email and whether email MFA is on, fetched afresh (GetUser). */
function showProfile(app) {
	app.user.getUserData(
		(error, data) => {
			if (error) return app.ui.fail(error);
			const email = data.UserAttributes.find((attribute) => attribute.Name === 'email');
			app.$('#home-email').textContent = email ? email.Value : '—';
			const on = (data.UserMFASettingList || []).includes('EMAIL_OTP');
			app.$('#home-mfa').textContent = on ? 'On' : 'Off';
			app.$('#mfa-toggle').textContent = on ? 'Turn off email MFA' : 'Turn on email MFA';
			app.$('#mfa-toggle').dataset.on = on ? 'true' : 'false';
		},
		{ bypassCache: true },
	);
}

function toggleEmailMfa(app) {
	const on = app.$('#mfa-toggle').dataset.on !== 'true';
	const email = { Enabled: on, PreferredMfa: on };
	app.user.setUserMfaPreference(
		null,
		null,
		(error) => {
			if (error) return app.ui.fail(error);
			app.ui.say(
				on ? 'Email MFA is on: sign-in with a password will ask for a code.' : 'Email MFA is off.',
			);
			showProfile(app);
		},
		{ email },
	);
}

function listDevices(app) {
	const list = app.$('#devices');
	app.user.listDevices(20, null, {
		onSuccess({ Devices }) {
			fillList(list, Devices, 'No devices yet.', (device) => {
				const attr = (name) =>
					(device.DeviceAttributes.find((a) => a.Name === name) || {}).Value || '';
				// Remembered or not is the device's own attribute; device_status is 'valid' either way.
				const remembered = attr('dev:device_remembered_status') === 'remembered';
				const status = remembered ? 'remembered' : 'not remembered';
				const name = attr('device_name') || device.DeviceKey;
				const mine = device.DeviceKey === app.user.deviceKey ? ' (this device)' : '';
				return [`${name}${mine} — ${status}`];
			});
		},
		onFailure: (error) => app.ui.fail(error),
	});
}

function listPasskeys(app) {
	const list = app.$('#passkeys');
	const supported = typeof app.user.listWebAuthnCredentials === 'function';
	app.$('#add-passkey').hidden = !supported;
	if (!supported) {
		fillList(list, [], 'This build of the library has no passkey support.');
		return;
	}
	app.user.listWebAuthnCredentials(
		(error, result) => {
			if (error) return app.ui.fail(error);
			fillList(list, result.Credentials, 'No passkeys yet.', (credential) => {
				const created = new Date(credential.CreatedAt * 1000).toLocaleDateString();
				const remove = document.createElement('button');
				remove.type = 'button';
				remove.className = 'danger';
				remove.textContent = 'Delete';
				remove.setAttribute('aria-label', `Delete ${credential.FriendlyCredentialName}`);
				remove.addEventListener('click', () => deletePasskey(app, credential));
				return [`${credential.FriendlyCredentialName} (added ${created})`, remove];
			});
		},
		{ maxResults: 20 },
	);
}

function addPasskey(app) {
	app.ui.say('Follow your browser’s prompt to create a passkey…');
	// The browser's own dialog has the Cancel button; a page could also pass { signal }.
	app.user.registerPasskey((error) => {
		if (error) return app.ui.fail(error);
		app.ui.say('Passkey added. Next time, sign in with “Passkey”.');
		listPasskeys(app);
	});
}

function deletePasskey(app, credential) {
	app.user.deleteWebAuthnCredential(credential.CredentialId, (error) => {
		if (error) return app.ui.fail(error);
		app.ui.say(`Deleted ${credential.FriendlyCredentialName}.`);
		listPasskeys(app);
	});
}

function signOut(app) {
	const username = app.user.getUsername();
	app.user.signOut((error) => {
		if (error) app.ui.fail(error);
		else app.ui.say('You are signed out.');
		app.user = null;
		app.$('#signin-form').elements.username.value = username;
		app.ui.show('signin');
	});
}
