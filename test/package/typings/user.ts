// Every CognitoUser method of the original's declarations, with callbacks in the styles apps
// use: inferred, annotated as the original declared them, and annotated with the types an app
// knows (`session: CognitoUserSession`).
import {
	AuthenticationDetails,
	CognitoRefreshToken,
	CognitoUser,
	CognitoUserAttribute,
	CognitoUserPool,
	CognitoUserSession,
	type ChallengeName,
	type IAuthenticationCallback,
	type ICognitoUserAttributeData,
	type ICognitoUserData,
	type IMfaSettings,
	type MFAOption,
	type UserData,
} from 'amazon-cognito-identity-js';

const Pool = new CognitoUserPool({ UserPoolId: 'us-east-1_example', ClientId: 'client' });
const userData: ICognitoUserData = { Username: 'jane', Pool };
const user = new CognitoUser(userData);
const details = new AuthenticationDetails({ Username: 'jane', Password: 'Passw0rd!' });
const metadata = { source: 'app' };

// ---- sign-in -------------------------------------------------------------------------------

const callbacks: IAuthenticationCallback = {
	onSuccess: (session: CognitoUserSession, userConfirmationNecessary?: boolean) =>
		console.log(session.getIdToken().getJwtToken(), userConfirmationNecessary),
	onFailure: (err: any) => console.log(err.code, err.message),
	newPasswordRequired: (userAttributes: any, requiredAttributes: any) => {
		delete userAttributes.email_verified;
		user.completeNewPasswordChallenge('N3w-Passw0rd!', userAttributes, callbacks);
		console.log(requiredAttributes);
	},
	mfaRequired: (challengeName: ChallengeName, challengeParameters: any) =>
		user.sendMFACode(challengeParameters.code, callbacks, challengeName, metadata),
	totpRequired: (challengeName: ChallengeName, challengeParameters: any) =>
		user.sendMFACode('123456', callbacks, 'SOFTWARE_TOKEN_MFA', challengeParameters),
	customChallenge: (challengeParameters: any) =>
		user.sendCustomChallengeAnswer(challengeParameters.answer, callbacks, metadata),
	mfaSetup: (challengeName: ChallengeName, challengeParameters: any) =>
		console.log(challengeName, challengeParameters),
	selectMFAType: (challengeName, challengeParameters) =>
		user.sendMFASelectionAnswer('SMS_MFA', {
			onSuccess: (session) => console.log(session.isValid()),
			onFailure: (err) => console.log(err),
			mfaRequired: (name: ChallengeName, params: any) => console.log(name, params),
			totpRequired: (name, params) => console.log(name, params, challengeName, challengeParameters),
		}),
};
user.authenticateUser(details, callbacks);
user.initiateAuth(details, callbacks);
user.authenticateUser(details, {
	onSuccess(session) {
		const accessToken: string = session.getAccessToken().getJwtToken();
		console.log(accessToken);
	},
	onFailure(err) {
		console.log(err.message || JSON.stringify(err));
	},
});
user.sendCustomChallengeAnswer('answer', callbacks);
user.sendMFACode('123456', {
	onSuccess: (session: CognitoUserSession, confirmationNecessary?: boolean) =>
		console.log(session, confirmationNecessary),
	onFailure: (err: any) => console.log(err),
});
user.sendMFASelectionAnswer('SOFTWARE_TOKEN_MFA', {
	onSuccess: (session: CognitoUserSession) => console.log(session),
	onFailure: (err: any) => console.log(err),
});
user.completeNewPasswordChallenge('N3w-Passw0rd!', { name: 'Jane' }, callbacks, metadata);
user.completeNewPasswordChallenge('N3w-Passw0rd!', null, callbacks);

export const flow: string = user.getAuthenticationFlowType();
export const flowSet: string = user.setAuthenticationFlowType('USER_PASSWORD_AUTH');
export const challenge: ChallengeName | undefined = user.challengeName;
export const name: string = user.getUsername();
user.getCachedDeviceKeyAndPassword();

// ---- session -------------------------------------------------------------------------------

user.getSession((err: Error | null, session: CognitoUserSession | null) => {
	if (err || !session) return;
	console.log(session.isValid());
});
user.getSession((err: any, session: any) => console.log(err, session.isValid()));
user.getSession((err: any, session: CognitoUserSession) => console.log(err, session.getIdToken()), {
	clientMetadata: metadata,
});
user.getSession(function (err: any, session: CognitoUserSession) {
	if (err) return;
	user.setSignInUserSession(session);
});
export const signedIn: CognitoUserSession | null = user.getSignInUserSession();

const refreshToken = new CognitoRefreshToken({ RefreshToken: 'refresh' });
user.refreshSession(refreshToken, (err, session) => console.log(err, session.getIdToken()));
user.refreshSession(refreshToken, (err: any, session: CognitoUserSession) => {
	if (!err) user.setSignInUserSession(session);
});
user.refreshSession(
	refreshToken,
	(err?: Error, session?: any) => console.log(err, session),
	metadata,
);

user.signOut();
user.signOut(() => console.log('signed out'));
user.globalSignOut({
	onSuccess: (msg: string) => console.log(msg),
	onFailure: (err: Error) => console.log(err.message),
});

// ---- registration and passwords ------------------------------------------------------------

user.confirmRegistration('123456', true, (err, result) => console.log(err, result));
user.confirmRegistration('123456', false, (err: any, result: any) => console.log(err, result));
user.confirmRegistration(
	'123456',
	true,
	(err: Error, result: string) => console.log(err, result.toLowerCase()),
	metadata,
);
user.resendConfirmationCode((err, result) => console.log(err?.message, result.CodeDeliveryDetails));
user.resendConfirmationCode((err?: Error, result?: any) => console.log(err, result), metadata);
user.changePassword('old', 'new', (err, result) => console.log(err, result === 'SUCCESS'));
user.changePassword(
	'old',
	'new',
	(err?: Error, result?: 'SUCCESS') => console.log(err, result),
	metadata,
);
user.forgotPassword({
	onSuccess: (data: any) => console.log(data.CodeDeliveryDetails),
	onFailure: (err: Error) => console.log(err.message),
	inputVerificationCode: (data: any) => console.log(data),
});
user.forgotPassword(
	{ onSuccess: (data) => console.log(data), onFailure: (err) => console.log(err) },
	metadata,
);
user.confirmPassword('123456', 'N3w-Passw0rd!', {
	onSuccess: (success: string) => console.log(success),
	onFailure: (err: Error) => console.log(err),
});
user.confirmPassword(
	'123456',
	'N3w-Passw0rd!',
	{ onSuccess: () => console.log('ok'), onFailure: (err) => console.log(err.message) },
	metadata,
);

// ---- attributes ----------------------------------------------------------------------------

user.getUserAttributes((err, result) => {
	if (err || !result) return;
	for (const attribute of result) console.log(attribute.getName(), attribute.getValue());
});
user.getUserAttributes((err?: Error, result?: CognitoUserAttribute[]) => console.log(err, result));
const updates: (CognitoUserAttribute | ICognitoUserAttributeData)[] = [
	new CognitoUserAttribute({ Name: 'nickname', Value: 'jj' }),
	{ Name: 'name', Value: 'Jane' },
];
user.updateAttributes(updates, (err, result, details) => console.log(err, result, details));
user.updateAttributes(
	[new CognitoUserAttribute({ Name: 'email', Value: 'new@example.com' })],
	(err?: Error, result?: string, details?: any) => console.log(err, result, details),
	metadata,
);
user.deleteAttributes(['nickname'], (err, result) => console.log(err, result));
user.deleteAttributes(['nickname'], (err?: Error, result?: string) => console.log(err, result));
user.getAttributeVerificationCode('email', {
	onSuccess: (success: string) => console.log(success),
	onFailure: (err: Error) => console.log(err),
	inputVerificationCode: (data: string) => console.log(data),
});
user.getAttributeVerificationCode(
	'phone_number',
	{
		onSuccess: () => undefined,
		onFailure: (err) => console.log(err),
		inputVerificationCode: null!,
	},
	metadata,
);
user.verifyAttribute('email', '123456', {
	onSuccess: (success: string) => console.log(success),
	onFailure: (err: Error) => console.log(err),
});
user.deleteUser((err, result) => console.log(err, result));
user.deleteUser((err?: Error, result?: string) => console.log(err, result));

// ---- MFA -----------------------------------------------------------------------------------

user.enableMFA((err, result) => console.log(err, result));
user.disableMFA((err?: Error, result?: string) => console.log(err, result));
user.getMFAOptions((err, mfaOptions) => {
	const options: MFAOption[] = mfaOptions ?? [];
	console.log(
		err,
		options.map((o) => o.DeliveryMedium),
	);
});
const sms: IMfaSettings = { PreferredMfa: false, Enabled: true };
user.setUserMfaPreference(sms, null, (err, result) => console.log(err, result));
user.setUserMfaPreference(
	null,
	{ PreferredMfa: true, Enabled: true },
	(err?: Error, result?: string) => console.log(err, result),
);
user.associateSoftwareToken({
	associateSecretCode: (secretCode: string) => console.log(secretCode.length),
	onFailure: (err: any) => console.log(err),
});
user.verifySoftwareToken('123456', 'My phone', {
	onSuccess: (session: CognitoUserSession) => console.log(session),
	onFailure: (err: Error) => console.log(err),
});

// ---- user data -----------------------------------------------------------------------------

user.getUserData((err, data) => {
	if (err || !data) return;
	const preferred: string = data.PreferredMfaSetting;
	const list: string[] = data.UserMFASettingList;
	console.log(preferred, list, data.Username, data.UserAttributes, data.MFAOptions);
});
user.getUserData((err?: Error, data?: UserData) => console.log(err, data), { bypassCache: true });
user.getUserData((err: any, data: any) => console.log(err, data.UserAttributes));

// ---- devices -------------------------------------------------------------------------------

const deviceCallbacks = {
	onSuccess: (success: string) => console.log(success),
	onFailure: (err: any) => console.log(err),
};
user.setDeviceStatusRemembered(deviceCallbacks);
user.setDeviceStatusNotRemembered({
	onSuccess: (success: string) => console.log(success),
	onFailure: (err: any) => console.log(err),
});
export const device: any = user.getDevice({
	onSuccess: (success: string) => console.log(success),
	onFailure: (err: Error) => console.log(err),
});
user.getDevice({
	onSuccess: (result) => console.log(result),
	onFailure: (err) => console.log(err),
});
user.forgetDevice({
	onSuccess: (success: string) => console.log(success),
	onFailure: (err: Error) => console.log(err),
});
user.forgetSpecificDevice('device-key', {
	onSuccess: (success: string) => console.log(success),
	onFailure: (err: Error) => console.log(err),
});
user.listDevices(10, null, {
	onSuccess: (data: any) => console.log(data.Devices.length, data.PaginationToken),
	onFailure: (err: Error) => console.log(err),
});
user.listDevices(60, 'next-page', {
	onSuccess: (data) => console.log(data),
	onFailure: (err) => console.log(err),
});
