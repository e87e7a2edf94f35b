/* eslint-disable @typescript-eslint/ban-ts-comment, @typescript-eslint/no-explicit-any --
   the original's typings used `any` in callback shapes, and this consumer copies those shapes */
// @ts-nocheck -- a fixture: test/package/consumer.test.ts removes this line, then compiles it in
// a separate project against the packed typings (the repository's own type-check cannot resolve
// the package before it is built).
//
// An application written against the original amazon-cognito-identity-js typings. It names every
// class, constructor, method, type and callback shape of the original index.d.ts, annotating
// callbacks the way that file declared them, so it compiles only if the package is a drop-in.
// When run, it records what each call did and prints one JSON line for the test to check.
import {
	AuthenticationDetails,
	AuthenticationHelper,
	CognitoAccessToken,
	CognitoIdToken,
	CognitoRefreshToken,
	CognitoUser,
	CognitoUserAttribute,
	CognitoUserPool,
	CognitoUserSession,
	CookieStorage,
	DateHelper,
	WordArray,
	appendToCognitoUserAgent,
	type ChallengeName,
	type ClientMetadata,
	type CodeDeliveryDetails,
	type GetSessionOptions,
	type IAuthenticationCallback,
	type IAuthenticationDetailsData,
	type ICognitoStorage,
	type ICognitoUserAttributeData,
	type ICognitoUserData,
	type ICognitoUserPoolData,
	type ICognitoUserSessionData,
	type ICookieStorageData,
	type IMfaSettings,
	type ISignUpResult,
	type MFAOption,
	type NodeCallback,
	type UpdateAttributesNodeCallback,
	type UserAgent,
	type UserData,
} from 'amazon-cognito-identity-js';
import {
	addAuthCategoryToCognitoUserAgent,
	addFrameworkToCognitoUserAgent,
} from 'amazon-cognito-identity-js/internals';

declare const process: { env: Record<string, string | undefined>; exitCode?: number };
declare const console: { log(line: string): void };

const env = {
	endpoint: process.env.COGNITO_ENDPOINT ?? '',
	poolId: process.env.COGNITO_POOL_ID ?? 'us-east-1_offline',
	clientId: process.env.COGNITO_CLIENT_ID ?? 'offline-client',
	username: process.env.COGNITO_USERNAME ?? 'offline-user',
	password: process.env.COGNITO_PASSWORD ?? 'Offline-Passw0rd!',
	newUsername: process.env.COGNITO_NEW_USERNAME ?? 'offline-new-user',
};

type Outcome = { ok: true; value: unknown } | { ok: false; code?: string; message: string };
const report: Record<string, unknown> = {};

function failure(err: unknown): Outcome {
	const e = err as { code?: string; message?: string } | null | undefined;
	return { ok: false, code: e?.code, message: String(e?.message) };
}

/** Settles with the first callback; counts how often callbacks fired. */
function outcome(name: string, start: (done: (o: Outcome) => void) => void): Promise<Outcome> {
	return new Promise((resolve) => {
		let calls = 0;
		start((o) => {
			calls += 1;
			report[name] = calls === 1 ? o : { ...o, calledAgain: calls };
			if (calls === 1) resolve(o);
		});
	});
}

/** Node-style callbacks, typed with the original's NodeCallback. */
function nodeCallback<T>(done: (o: Outcome) => void): NodeCallback<Error, T> {
	return (err?: Error, result?: T) => done(err ? failure(err) : { ok: true, value: result });
}

// ---- small classes -------------------------------------------------------------------------

const detailsData: IAuthenticationDetailsData = {
	Username: env.username,
	Password: env.password,
	ValidationData: { source: 'consumer' },
	ClientMetadata: { app: 'consumer' },
};
const details = new AuthenticationDetails(detailsData);
const detailsUsername: string = details.getUsername();
const detailsPassword: string = details.getPassword();
const validationData = details.getValidationData();

const attributeData: ICognitoUserAttributeData = { Name: 'email', Value: 'a@example.com' };
const attribute = new CognitoUserAttribute(attributeData);
const renamed: CognitoUserAttribute = attribute.setName('name').setValue('Consumer');
const attributeJson: object = attribute.toJSON();
report.attribute = {
	name: renamed.getName(),
	value: renamed.getValue(),
	string: attribute.toString(),
	json: attributeJson,
};
report.details = { username: detailsUsername, password: detailsPassword, validationData };

const emptyAccess = new CognitoAccessToken({ AccessToken: '' });
const emptyId = new CognitoIdToken({ IdToken: '' });
const emptyRefresh = new CognitoRefreshToken({ RefreshToken: '' });
const sessionData: ICognitoUserSessionData = {
	IdToken: emptyId,
	AccessToken: emptyAccess,
	RefreshToken: emptyRefresh,
};
const emptySession = new CognitoUserSession(sessionData);
const idPayload: { [id: string]: unknown } = emptyId.decodePayload();
report.tokens = {
	jwt: emptyAccess.getJwtToken(),
	expiration: emptyAccess.getExpiration() ?? null,
	issuedAt: emptyId.getIssuedAt() ?? null,
	payload: idPayload,
	refresh: emptyRefresh.getToken(),
	accessPayload: emptyAccess.payload,
	sessionValid: emptySession.isValid(),
	sameId: emptySession.getIdToken() === emptyId,
	sameAccess: emptySession.getAccessToken() === emptyAccess,
	sameRefresh: emptySession.getRefreshToken() === emptyRefresh,
};
try {
	new CognitoUserSession({ IdToken: emptyId } as ICognitoUserSessionData);
	report.sessionWithoutAccess = 'no error';
} catch (error) {
	report.sessionWithoutAccess = (error as Error).message;
}

const cookieData: ICookieStorageData = {
	domain: 'example.com',
	path: '/',
	expires: 7,
	secure: true,
	sameSite: 'strict',
};
const cookies: ICognitoStorage = new CookieStorage(cookieData);
const defaultCookies = new CookieStorage();
report.cookies = {
	// No document in Node: js-cookie stores nothing, and a missing key reads as null.
	missing: cookies.getItem('nothing-here'),
	defaults: { path: defaultCookies.path, expires: defaultCookies.expires },
};
/** Cookies need a document; in Node this is compiled, not called. */
export function browserOnly(storage: CookieStorage): string | null {
	storage.setItem('k', 'v');
	const value = storage.getItem('k');
	storage.removeItem('k');
	storage.clear();
	return value;
}
try {
	new CookieStorage({ sameSite: 'none', secure: false });
	report.cookieSameSiteNone = 'no error';
} catch (error) {
	report.cookieSameSiteNone = (error as Error).message;
}

const words = new WordArray();
const random: WordArray = words.random(16);
report.wordArray = random.toString();
report.date = new DateHelper().getNowString();
report.helperPoolName = new AuthenticationHelper('abc').poolName;
appendToCognitoUserAgent('consumer/1.0');
addAuthCategoryToCognitoUserAgent();
addFrameworkToCognitoUserAgent('0');
// The original declared a UserAgent class; it is a type position only.
const userAgentType: UserAgent | undefined = undefined;
report.userAgentType = userAgentType ?? null;

// ---- pool ----------------------------------------------------------------------------------

const wrapped: string[] = [];
const poolData: ICognitoUserPoolData = {
	UserPoolId: env.poolId,
	ClientId: env.clientId,
	endpoint: env.endpoint || undefined,
	AdvancedSecurityDataCollectionFlag: false,
};
const pool = new CognitoUserPool(poolData, (target: NodeCallback.Any) => {
	wrapped.push('wrapped');
	return target;
});
report.pool = {
	id: pool.getUserPoolId(),
	name: pool.getUserPoolName(),
	clientId: pool.getClientId(),
	currentUser: pool.getCurrentUser(),
};
const poolErrors: string[] = [];
for (const bad of [
	{ UserPoolId: '', ClientId: '' },
	{ UserPoolId: 'no-underscore', ClientId: 'x' },
]) {
	try {
		new CognitoUserPool(bad);
	} catch (error) {
		poolErrors.push((error as Error).message);
	}
}
report.poolErrors = poolErrors;

// A pool whose endpoint refuses connections: the network methods fail without a network.
const deadPool = new CognitoUserPool({
	UserPoolId: env.poolId,
	ClientId: env.clientId,
	endpoint: 'http://127.0.0.1:1/',
});

function userOf(p: CognitoUserPool, username: string, storage?: ICognitoStorage): CognitoUser {
	const data: ICognitoUserData = { Username: username, Pool: p };
	if (storage) data.Storage = storage;
	return new CognitoUser(data);
}

/** Every IAuthenticationCallback member, typed as the original declared them. */
function authCallbacks(done: (o: Outcome) => void): IAuthenticationCallback {
	return {
		onSuccess: (session: CognitoUserSession, userConfirmationNecessary?: boolean) =>
			done({ ok: true, value: { valid: session.isValid(), userConfirmationNecessary } }),
		onFailure: (err: any) => done(failure(err)),
		newPasswordRequired: (userAttributes: any, requiredAttributes: any) =>
			done({
				ok: true,
				value: { challenge: 'NEW_PASSWORD_REQUIRED', userAttributes, requiredAttributes },
			}),
		mfaRequired: (challengeName: ChallengeName, challengeParameters: any) =>
			done({ ok: true, value: { challengeName, challengeParameters } }),
		totpRequired: (challengeName: ChallengeName, challengeParameters: any) =>
			done({ ok: true, value: { challengeName, challengeParameters } }),
		customChallenge: (challengeParameters: any) =>
			done({ ok: true, value: { challenge: 'CUSTOM_CHALLENGE', challengeParameters } }),
		mfaSetup: (challengeName: ChallengeName, challengeParameters: any) =>
			done({ ok: true, value: { challengeName, challengeParameters } }),
		selectMFAType: (challengeName: ChallengeName, challengeParameters: any) =>
			done({ ok: true, value: { challengeName, challengeParameters } }),
	};
}

async function unauthenticated(): Promise<void> {
	// A user that never signed in: every method that needs a session fails the same way. Its pool
	// points at the closed port, so a method that does go to the network cannot leave the host.
	const user = userOf(deadPool, 'nobody');
	await outcome('getSession.none', (done) =>
		user.getSession((error: Error | null, session: CognitoUserSession | null) =>
			done(error ? failure(error) : { ok: true, value: session?.isValid() }),
		),
	);
	const options: GetSessionOptions = { clientMetadata: { k: 'v' } };
	await outcome('getSession.options', (done) =>
		user.getSession((error: any, session: CognitoUserSession) => {
			done(error ? failure(error) : { ok: true, value: session.isValid() });
		}, options),
	);
	await outcome('getUserAttributes.none', (done) =>
		user.getUserAttributes(nodeCallback<CognitoUserAttribute[]>(done)),
	);
	await outcome('changePassword.none', (done) =>
		user.changePassword('a', 'b', nodeCallback<'SUCCESS'>(done)),
	);
	await outcome('deleteAttributes.none', (done) =>
		user.deleteAttributes(['name'], nodeCallback<string>(done)),
	);
	await outcome('updateAttributes.none', (done) => {
		const callback: UpdateAttributesNodeCallback<Error, string, any> = (err, result, extra) =>
			done(err ? failure(err) : { ok: true, value: { result, extra } });
		user.updateAttributes([attribute, attributeData], callback);
	});
	await outcome('getAttributeVerificationCode.none', (done) =>
		user.getAttributeVerificationCode('email', {
			onSuccess: (success: string) => done({ ok: true, value: success }),
			onFailure: (err: Error) => done(failure(err)),
			inputVerificationCode: (data: string) => done({ ok: true, value: data }),
		}),
	);
	await outcome('verifyAttribute.none', (done) =>
		user.verifyAttribute('email', '123', {
			onSuccess: (success: string) => done({ ok: true, value: success }),
			onFailure: (err: Error) => done(failure(err)),
		}),
	);
	await outcome('deleteUser.none', (done) => user.deleteUser(nodeCallback<string>(done)));
	await outcome('enableMFA.none', (done) => user.enableMFA(nodeCallback<string>(done)));
	await outcome('disableMFA.none', (done) => user.disableMFA(nodeCallback<string>(done)));
	await outcome('getMFAOptions.none', (done) =>
		user.getMFAOptions(nodeCallback<MFAOption[]>(done)),
	);
	await outcome('getUserData.none', (done) => user.getUserData(nodeCallback<UserData>(done)));
	await outcome('setUserMfaPreference.none', (done) => {
		const sms: IMfaSettings = { PreferredMfa: false, Enabled: false };
		user.setUserMfaPreference(sms, null, nodeCallback<string>(done));
	});
	await outcome('associateSoftwareToken.none', (done) =>
		user.associateSoftwareToken({
			associateSecretCode: (secretCode: string) => done({ ok: true, value: secretCode }),
			onFailure: (err: any) => done(failure(err)),
		}),
	);
	await outcome('getDevice.none', (done) =>
		user.getDevice({
			onSuccess: (success: string) => done({ ok: true, value: success }),
			onFailure: (err: Error) => done(failure(err)),
		}),
	);
	await outcome('forgetDevice.none', (done) =>
		user.forgetDevice({
			onSuccess: (success: string) => done({ ok: true, value: success }),
			onFailure: (err: Error) => done(failure(err)),
		}),
	);
	await outcome('forgetSpecificDevice.none', (done) =>
		user.forgetSpecificDevice('key', {
			onSuccess: (success: string) => done({ ok: true, value: success }),
			onFailure: (err: Error) => done(failure(err)),
		}),
	);
	await outcome('setDeviceStatusRemembered.none', (done) =>
		user.setDeviceStatusRemembered({
			onSuccess: (success: string) => done({ ok: true, value: success }),
			onFailure: (err: any) => done(failure(err)),
		}),
	);
	await outcome('setDeviceStatusNotRemembered.none', (done) =>
		user.setDeviceStatusNotRemembered({
			onSuccess: (success: string) => done({ ok: true, value: success }),
			onFailure: (err: any) => done(failure(err)),
		}),
	);
	await outcome('listDevices.none', (done) =>
		user.listDevices(10, null, {
			onSuccess: (data: any) => done({ ok: true, value: data }),
			onFailure: (err: Error) => done(failure(err)),
		}),
	);
	await outcome('globalSignOut.none', (done) =>
		user.globalSignOut({
			onSuccess: (msg: string) => done({ ok: true, value: msg }),
			onFailure: (err: Error) => done(failure(err)),
		}),
	);
	user.signOut();
	report['signOut.none'] = deadPool.getCurrentUser();
	user.setAuthenticationFlowType('USER_PASSWORD_AUTH');
	report.flowType = user.getAuthenticationFlowType();
	report.signInUserSession = user.getSignInUserSession();
	user.getCachedDeviceKeyAndPassword();
	const challenge: ChallengeName | undefined = user.challengeName;
	report.challengeName = challenge ?? null;
}

async function offline(): Promise<void> {
	// Network methods against a closed port: each fails once, with a NetworkError.
	const user = userOf(deadPool, 'offline-user');
	const cb = (done: (o: Outcome) => void) => authCallbacks(done);
	const metadata: ClientMetadata = { source: 'consumer' };
	await outcome('authenticateUser.offline', (done) => user.authenticateUser(details, cb(done)));
	await outcome('initiateAuth.offline', (done) => user.initiateAuth(details, cb(done)));
	await outcome('confirmRegistration.offline', (done) =>
		user.confirmRegistration('123456', true, nodeCallback<any>(done), metadata),
	);
	await outcome('resendConfirmationCode.offline', (done) =>
		user.resendConfirmationCode(nodeCallback<any>(done), metadata),
	);
	await outcome('forgotPassword.offline', (done) =>
		user.forgotPassword(
			{
				onSuccess: (data: any) => done({ ok: true, value: data }),
				onFailure: (err: Error) => done(failure(err)),
				inputVerificationCode: (data: any) => done({ ok: true, value: data }),
			},
			metadata,
		),
	);
	await outcome('confirmPassword.offline', (done) =>
		user.confirmPassword(
			'123456',
			'New-Passw0rd!',
			{
				onSuccess: (success: string) => done({ ok: true, value: success }),
				onFailure: (err: Error) => done(failure(err)),
			},
			metadata,
		),
	);
	await outcome('sendCustomChallengeAnswer.offline', (done) =>
		user.sendCustomChallengeAnswer('answer', cb(done), metadata),
	);
	await outcome('sendMFACode.offline', (done) =>
		user.sendMFACode(
			'123456',
			{
				onSuccess: (session: CognitoUserSession, userConfirmationNecessary?: boolean) =>
					done({ ok: true, value: { session, userConfirmationNecessary } }),
				onFailure: (err: any) => done(failure(err)),
			},
			'SOFTWARE_TOKEN_MFA',
			metadata,
		),
	);
	await outcome('completeNewPasswordChallenge.offline', (done) =>
		user.completeNewPasswordChallenge('New-Passw0rd!', {}, cb(done), metadata),
	);
	await outcome('verifySoftwareToken.offline', (done) =>
		user.verifySoftwareToken('123456', 'phone', {
			onSuccess: (session: CognitoUserSession) => done({ ok: true, value: session }),
			onFailure: (err: Error) => done(failure(err)),
		}),
	);
	await outcome('sendMFASelectionAnswer.offline', (done) =>
		user.sendMFASelectionAnswer('SMS_MFA', {
			onSuccess: (session: CognitoUserSession) => done({ ok: true, value: session }),
			onFailure: (err: any) => done(failure(err)),
			mfaRequired: (challengeName: ChallengeName, challengeParameters: any) =>
				done({ ok: true, value: { challengeName, challengeParameters } }),
			totpRequired: (challengeName: ChallengeName, challengeParameters: any) =>
				done({ ok: true, value: { challengeName, challengeParameters } }),
		}),
	);
	await outcome('signUp.offline', (done) =>
		deadPool.signUp('someone', 'Passw0rd!', [attribute], [], nodeCallback<ISignUpResult>(done)),
	);
}

async function online(): Promise<void> {
	// Against the local pool: sign-up, SRP login, then the authenticated methods.
	await outcome('signUp', (done) =>
		pool.signUp(
			env.newUsername,
			env.password,
			[new CognitoUserAttribute({ Name: 'email', Value: `${env.newUsername}@example.com` })],
			[],
			(err?: Error, result?: ISignUpResult) => {
				if (err || !result) return done(failure(err));
				const delivery: CodeDeliveryDetails = result.codeDeliveryDetails;
				done({
					ok: true,
					value: {
						username: result.user.getUsername(),
						userConfirmed: result.userConfirmed,
						userSub: result.userSub,
						medium: delivery.DeliveryMedium,
					},
				});
			},
		),
	);
	const user = userOf(pool, env.username);
	await outcome('authenticateUser', (done) => user.authenticateUser(details, authCallbacks(done)));
	const session = user.getSignInUserSession();
	report.session = session && {
		valid: session.isValid(),
		username: session.getAccessToken().payload.username,
		current: pool.getCurrentUser()?.getUsername() ?? null,
	};
	await outcome('getSession', (done) => {
		const current = pool.getCurrentUser();
		if (!current) return done({ ok: false, message: 'no current user' });
		current.getSession((error: Error | null, s: CognitoUserSession | null) =>
			done(error ? failure(error) : { ok: true, value: s?.isValid() }),
		);
	});
	await outcome('updateAttributes', (done) =>
		user.updateAttributes(
			[new CognitoUserAttribute({ Name: 'name', Value: 'Consumer' })],
			(err?: Error, result?: string) => done(err ? failure(err) : { ok: true, value: result }),
		),
	);
	await outcome('getUserAttributes', (done) =>
		user.getUserAttributes((err?: Error, attributes?: CognitoUserAttribute[]) =>
			done(
				err
					? failure(err)
					: {
							ok: true,
							value: (attributes ?? []).map((a) => `${a.getName()}=${a.getValue()}`),
						},
			),
		),
	);
	await outcome('deleteAttributes', (done) =>
		user.deleteAttributes(['name'], nodeCallback<string>(done)),
	);
	await outcome('getUserData', (done) =>
		user.getUserData(
			(err?: Error, data?: UserData) =>
				done(err ? failure(err) : { ok: true, value: data?.Username }),
			{ bypassCache: true },
		),
	);
	await outcome('refreshSession', (done) =>
		user.refreshSession(user.getSignInUserSession()!.getRefreshToken(), (err: any, s: any) =>
			done(err ? failure(err) : { ok: true, value: s.isValid() }),
		),
	);
	report.wrappedRefreshCallbacks = wrapped.length;
	await outcome('signOut', (done) => user.signOut(() => done({ ok: true, value: null })));
	report.afterSignOut = pool.getCurrentUser();
}

async function main(): Promise<void> {
	await unauthenticated();
	await offline();
	if (env.endpoint) await online();
	console.log(JSON.stringify(report));
}

main().catch((error: unknown) => {
	console.log(JSON.stringify({ crashed: String(error) }));
	process.exitCode = 1;
});
