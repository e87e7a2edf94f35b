// The sign-in app's markup and styles, in one module so that the script-tag page and the
// webpack and Vite builds render the same page without a CSS loader. Nothing here holds user
// data: the app fills the page in with textContent only.
/* global document */

const STYLES = `
:root { color-scheme: light; --ink: #1d2433; --muted: #5b6475; --line: #d8dde6;
  --accent: #2454d6; --accent-ink: #fff; --bad: #b42318; --bad-bg: #fdecea; --ok-bg: #e8f3ee;
  --dev: #7a4b00; --dev-bg: #fff6e0; font: 16px/1.5 system-ui, -apple-system, 'Segoe UI', sans-serif; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; background: #f3f5f9; color: var(--ink); }
.layout { display: grid; gap: 1rem; max-width: 60rem; margin: 0 auto; padding: 1rem;
  grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); align-items: start; }
@media (max-width: 44rem) { .layout { grid-template-columns: minmax(0, 1fr); padding: 0.5rem; } }
.card { background: #fff; border: 1px solid var(--line); border-radius: 0.75rem; padding: 1.25rem; }
h1 { font-size: 1.4rem; margin: 0; } h2 { font-size: 1.15rem; margin: 1rem 0 0.5rem; }
h3 { font-size: 1rem; margin: 1.25rem 0 0.25rem; }
.lead { color: var(--muted); margin: 0.25rem 0 0.75rem; }
label { display: block; margin: 0.6rem 0; font-weight: 600; }
input[type=text], input[type=email], input[type=password], input[type=tel], input:not([type]) {
  display: block; width: 100%; margin-top: 0.25rem; padding: 0.6rem; font: inherit;
  border: 1px solid var(--line); border-radius: 0.5rem; }
fieldset { border: 1px solid var(--line); border-radius: 0.5rem; margin: 0.6rem 0; padding: 0.25rem 0.75rem; }
fieldset label, label.check { display: inline-flex; gap: 0.4rem; align-items: center; font-weight: 400;
  margin: 0.35rem 1rem 0.35rem 0; }
button { font: inherit; padding: 0.6rem 1rem; border-radius: 0.5rem; border: 1px solid var(--accent);
  background: var(--accent); color: var(--accent-ink); cursor: pointer; min-height: 2.75rem; }
button.secondary { background: #fff; color: var(--accent); }
button.link { background: none; border: none; color: var(--accent); padding: 0; min-height: 0;
  text-decoration: underline; }
button.danger { background: #fff; color: var(--bad); border-color: var(--bad); padding: 0.3rem 0.7rem; min-height: 2.25rem; }
.row { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin-top: 0.75rem; }
#message:empty, #error:empty { display: none; }
#message { background: var(--ok-bg); padding: 0.6rem 0.8rem; border-radius: 0.5rem; }
#error { background: var(--bad-bg); color: var(--bad); padding: 0.6rem 0.8rem; border-radius: 0.5rem; }
dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 0.25rem 1rem; margin: 0; }
dt { color: var(--muted); } dd { margin: 0; overflow-wrap: anywhere; }
ul.items { list-style: none; padding: 0; margin: 0; }
ul.items li { display: flex; justify-content: space-between; gap: 0.5rem; align-items: center;
  border-bottom: 1px solid var(--line); padding: 0.4rem 0; overflow-wrap: anywhere; }
ul.items li.empty { color: var(--muted); }
.outbox { background: var(--dev-bg); border-color: #f0c36d; }
.outbox h2 { color: var(--dev); margin-top: 0; }
.outbox ol { padding-left: 1.2rem; margin: 0; } .outbox li { margin: 0.3rem 0; }
.outbox .code { font: 600 1.1rem ui-monospace, monospace; letter-spacing: 0.08em; }
.badge { display: inline-block; font-size: 0.75rem; font-weight: 700; text-transform: uppercase;
  color: var(--dev); border: 1px solid var(--dev); border-radius: 999px; padding: 0 0.5rem; }
`;

const MARKUP = `
<main class="card">
  <h1>Cognito sign-in example</h1>
  <p class="lead">amazon-cognito-identity-js in a plain web page</p>
  <p id="message" role="status"></p>
  <p id="error" role="alert"></p>

  <section data-view="signin">
    <form id="signin-form">
      <label>Username <input name="username" autocomplete="username webauthn" autocapitalize="none" required /></label>
      <fieldset>
        <legend>Sign in with</legend>
        <label><input type="radio" name="method" value="PASSWORD" checked /> Password</label>
        <label><input type="radio" name="method" value="EMAIL_OTP" /> Email code</label>
        <label><input type="radio" name="method" value="SMS_OTP" /> SMS code</label>
        <label><input type="radio" name="method" value="WEB_AUTHN" /> Passkey</label>
      </fieldset>
      <label data-for-method="PASSWORD">Password <input name="password" type="password" autocomplete="current-password webauthn" /></label>
      <label class="check"><input type="checkbox" name="remember" /> Remember this device</label>
      <div class="row"><button type="submit">Sign in</button></div>
    </form>
    <p>New here? <button type="button" class="link" data-go="signup">Create an account</button></p>
  </section>

  <section data-view="signup" hidden>
    <h2>Create an account</h2>
    <form id="signup-form">
      <label>Username <input name="username" autocomplete="username" autocapitalize="none" required /></label>
      <label>Email <input name="email" type="email" autocomplete="email" required /></label>
      <label>Password <input name="password" type="password" autocomplete="new-password" required /></label>
      <div class="row"><button type="submit">Create account</button>
        <button type="button" class="secondary" data-go="signin">Back to sign in</button></div>
    </form>
  </section>

  <section data-view="confirm" hidden>
    <h2>Confirm your account</h2>
    <p id="confirm-hint"></p>
    <form id="confirm-form">
      <label>Confirmation code <input name="code" inputmode="numeric" autocomplete="one-time-code" required /></label>
      <div class="row"><button type="submit">Confirm</button></div>
    </form>
  </section>

  <section data-view="code" hidden>
    <h2 id="code-title">Enter your code</h2>
    <p id="code-hint"></p>
    <form id="code-form">
      <label>Code <input name="code" inputmode="numeric" autocomplete="one-time-code" required /></label>
      <div class="row"><button type="submit">Continue</button>
        <button type="button" class="secondary" data-go="signin">Cancel</button></div>
    </form>
  </section>

  <section data-view="choose" hidden>
    <h2 id="choose-title">Choose how to continue</h2>
    <div id="choices" class="row"></div>
    <div class="row"><button type="button" class="secondary" data-go="signin">Cancel</button></div>
  </section>

  <section data-view="home" hidden>
    <h2>You are signed in</h2>
    <dl>
      <dt>User</dt><dd id="home-user"></dd>
      <dt>Email</dt><dd id="home-email"></dd>
      <dt>Session ends</dt><dd id="home-expiry"></dd>
      <dt>Email code at sign-in</dt><dd id="home-mfa"></dd>
    </dl>
    <div class="row"><button type="button" class="secondary" id="mfa-toggle">Turn on email MFA</button></div>
    <h3>Passkeys</h3>
    <ul class="items" id="passkeys"></ul>
    <div class="row"><button type="button" class="secondary" id="add-passkey">Add a passkey</button></div>
    <h3>Devices</h3>
    <ul class="items" id="devices"></ul>
    <div class="row"><button type="button" id="signout">Sign out</button></div>
  </section>
</main>

<aside class="card outbox" id="outbox" aria-labelledby="outbox-title">
  <h2 id="outbox-title">Local outbox <span class="badge">dev only</span></h2>
  <p>A local-development aid: the local user pool sends no email or SMS, so the codes it would
  have sent appear here. A real pool delivers them to the user instead.</p>
  <ol id="outbox-list" aria-live="polite"></ol>
</aside>
`;

/** Puts the app's styles into the document and its markup into `root`. */
export function renderShell(root) {
	const style = document.createElement('style');
	style.textContent = STYLES;
	document.head.appendChild(style);
	root.classList.add('layout');
	root.innerHTML = MARKUP;
}

/** Fills `list` with one <li> per item: `render` gives its text and any controls after it. */
export function fillList(list, items, emptyText, render) {
	if (items.length === 0) {
		const empty = document.createElement('li');
		empty.className = 'empty';
		empty.textContent = emptyText;
		list.replaceChildren(empty);
		return;
	}
	list.replaceChildren(
		...items.map((item) => {
			const li = document.createElement('li');
			const [text, ...rest] = render(item);
			const label = document.createElement('span');
			label.textContent = text;
			li.append(label, ...rest);
			return li;
		}),
	);
}

/** What a person should read for the errors a sign-in page meets; the rest show as sent. */
const FRIENDLY = {
	CodeMismatchException: 'That code is not right. Check it and type it again.',
	UserNotConfirmedException: 'Confirm your account first: enter the code we sent you.',
	WebAuthnCancelledException:
		'The passkey prompt was cancelled or timed out. Try again when you are ready.',
	WebAuthnNotSupportedException:
		'This browser or page cannot use passkeys (they need https, or http://localhost).',
	WebAuthnRelyingPartyMismatchException:
		'Passkeys for this pool do not work on this address: open the page at the pool’s domain (here, localhost).',
	WebAuthnOriginNotAllowedException:
		'The pool does not accept passkeys from this address: open the page at the pool’s domain.',
	WebAuthnCredentialExistsException: 'This device already holds a passkey for your account.',
};

/** The error as the page shows it: plain words for the codes above, the message otherwise. */
export function describeError(error) {
	const name = (error && (error.code || error.name)) || '';
	const friendly = FRIENDLY[name];
	const message = (error && error.message) || String(error);
	return friendly ? `${friendly} (${name})` : message;
}
