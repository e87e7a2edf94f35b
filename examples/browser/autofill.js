// Passkey autofill (conditional mediation). When the person has typed a username and moves on
// to the password, the page quietly asks the browser for that user's passkey; the browser offers
// it in the field's autofill list (autocomplete="… webauthn") rather than in a dialog, and
// picking it signs in. Cognito issues a passkey challenge only for a known username, so the
// request cannot start before one is typed.
/* global window, AbortController */

/** Outcomes that only mean "no autofill this time", which the person need not hear about. */
const QUIET = ['WebAuthnAbortedException', 'WebAuthnNotSupportedException'];

/**
 * Starts an autofill request whenever `field` gets the focus with a new username in
 * `usernameField`; `callbacksFor(user)` gives the sign-in callbacks. Returns a function that
 * ends the pending request (call it before any other sign-in: a page has one at a time).
 */
export function offerPasskeyAutofill(app, field, usernameField, callbacksFor) {
	let pending = null;
	const stop = () => {
		if (pending) pending.controller.abort();
		pending = null;
	};
	field.addEventListener('focus', async () => {
		const username = usernameField.value.trim();
		const api = window.PublicKeyCredential;
		if (!username || !api || typeof api.isConditionalMediationAvailable !== 'function') return;
		if (pending && pending.username === username) return;
		stop();
		if (!(await api.isConditionalMediationAvailable())) return;
		const request = { username, controller: new AbortController() };
		pending = request;
		const { lib } = app;
		const user = new lib.CognitoUser({ Username: username, Pool: app.pool });
		user.setAuthenticationFlowType('USER_AUTH');
		const details = new lib.AuthenticationDetails({
			Username: username,
			PreferredChallenge: 'WEB_AUTHN',
			PasskeyOptions: { mediation: 'conditional', signal: request.controller.signal },
		});
		const callbacks = callbacksFor(user);
		user.authenticateUser(details, {
			onSuccess(session) {
				if (pending === request) pending = null;
				callbacks.onSuccess(session);
			},
			onFailure(error) {
				if (request.controller.signal.aborted || QUIET.includes(error && error.code)) return;
				if (pending === request) pending = null;
				callbacks.onFailure(error);
			},
			// The pool offers no passkey for this user (it has none): nothing to autofill.
			selectChallenge() {
				if (pending === request) pending = null;
			},
		});
	});
	return stop;
}
