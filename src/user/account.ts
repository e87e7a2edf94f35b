// The account requests of CognitoUser: sign-up confirmation, passwords, attributes, deleting
// and signing out everywhere. Each sends one request and reports its outcome.
import type CognitoUser from '../CognitoUser';
import CognitoUserAttribute from '../CognitoUserAttribute';
import type {
	ClientMetadata,
	CodeDeliveryResult,
	ICognitoUserAttributeData,
	IResultCallbacks,
	IVerificationCodeCallbacks,
	ResultCallback,
	UpdateAttributesCallback,
	UpdateAttributesResult,
	UserData,
} from '../types';
import { callNode, nodeOutcome, objectOutcome } from '../utils/callbacks';
import { withSecret } from '../utils/secretHash';
import type { Body } from './requests';
import {
	completeBody,
	invalidResponse,
	send,
	sendAuthenticated,
	verificationOutcome,
} from './requests';

const SUCCESS = (): 'SUCCESS' => 'SUCCESS';
const asIs = <T>(data: T): T => data;

/**
 * ConfirmSignUp. After a passwordless sign-up the Session (given, else kept from SignUp) goes
 * along, and the reply's is kept for the USER_AUTH sign-in that follows.
 */
export function confirmRegistration(
	user: CognitoUser,
	confirmationCode: string,
	forceAliasCreation: boolean,
	callback: ResultCallback<'SUCCESS'>,
	options: { clientMetadata: ClientMetadata; session: string | undefined },
): void {
	const request: Body = {
		ClientId: user.pool.getClientId(),
		ConfirmationCode: confirmationCode,
		Username: user.username,
		ForceAliasCreation: forceAliasCreation,
		ClientMetadata: options.clientMetadata,
	};
	const session = options.session ?? user.signUpSession;
	if (session) request.Session = session;
	const body = completeBody(user, request);
	send(user, 'ConfirmSignUp', body, nodeOutcome(callback), (data: { Session?: string }) => {
		if (typeof data.Session === 'string') {
			user.Session = data.Session;
			user.signUpSession = data.Session;
		}
		return 'SUCCESS' as const;
	});
}

export function resendConfirmationCode(
	user: CognitoUser,
	callback: ResultCallback<CodeDeliveryResult>,
	clientMetadata: ClientMetadata,
): void {
	// No UserContextData here, as in the original.
	const body = withSecret(
		user.pool,
		{ ClientId: user.pool.getClientId(), Username: user.username, ClientMetadata: clientMetadata },
		user.username,
	);
	send(user, 'ResendConfirmationCode', body, nodeOutcome(callback), asIs<CodeDeliveryResult>);
}

export function forgotPassword(
	user: CognitoUser,
	callback: IVerificationCodeCallbacks<CodeDeliveryResult>,
	clientMetadata: ClientMetadata,
): void {
	const body = completeBody(user, {
		ClientId: user.pool.getClientId(),
		Username: user.username,
		ClientMetadata: clientMetadata,
	});
	const outcome = verificationOutcome(callback, asIs<CodeDeliveryResult>);
	send(user, 'ForgotPassword', body, outcome, asIs<CodeDeliveryResult>);
}

export function confirmPassword(
	user: CognitoUser,
	confirmationCode: string,
	newPassword: string,
	callback: IResultCallbacks<'SUCCESS'>,
	clientMetadata: ClientMetadata,
): void {
	const body = completeBody(user, {
		ClientId: user.pool.getClientId(),
		Username: user.username,
		ConfirmationCode: confirmationCode,
		Password: newPassword,
		ClientMetadata: clientMetadata,
	});
	send(user, 'ConfirmForgotPassword', body, objectOutcome(callback), SUCCESS);
}

export function changePassword(
	user: CognitoUser,
	oldUserPassword: string,
	newUserPassword: string,
	callback: ResultCallback<'SUCCESS'>,
	clientMetadata: ClientMetadata,
): void {
	const body = (accessToken: string) => ({
		PreviousPassword: oldUserPassword,
		ProposedPassword: newUserPassword,
		AccessToken: accessToken,
		ClientMetadata: clientMetadata,
	});
	sendAuthenticated(user, 'ChangePassword', body, nodeOutcome(callback), SUCCESS);
}

export function deleteUser(
	user: CognitoUser,
	callback: ResultCallback<'SUCCESS'>,
	clientMetadata: ClientMetadata,
): void {
	const body = (accessToken: string) => ({
		AccessToken: accessToken,
		ClientMetadata: clientMetadata,
	});
	sendAuthenticated(user, 'DeleteUser', body, nodeOutcome(callback), () => {
		user.clearCachedUser();
		return 'SUCCESS' as const;
	});
}

/** UpdateUserAttributes, then a refresh of the cached user data whose outcome is ignored. */
export function updateAttributes(
	user: CognitoUser,
	attributes: (CognitoUserAttribute | ICognitoUserAttributeData)[],
	callback: UpdateAttributesCallback,
	clientMetadata: ClientMetadata,
): void {
	const body = (accessToken: string) => ({
		AccessToken: accessToken,
		UserAttributes: attributes,
		ClientMetadata: clientMetadata,
	});
	const outcome = {
		fail: nodeOutcome(callback).fail,
		succeed: (result: UpdateAttributesResult) =>
			user.getUserData(() => callNode(callback, null, 'SUCCESS', result), { bypassCache: true }),
	};
	sendAuthenticated(user, 'UpdateUserAttributes', body, outcome, asIs<UpdateAttributesResult>);
}

export function getUserAttributes(
	user: CognitoUser,
	callback: ResultCallback<CognitoUserAttribute[]>,
): void {
	const body = (accessToken: string) => ({ AccessToken: accessToken });
	sendAuthenticated(user, 'GetUser', body, nodeOutcome(callback), (data: Partial<UserData>) => {
		// Mapping a missing list would throw a TypeError; a clear error says what is missing.
		if (!Array.isArray(data.UserAttributes)) {
			throw invalidResponse('The GetUser reply lacks UserAttributes.');
		}
		return data.UserAttributes.map(({ Name, Value }) => new CognitoUserAttribute({ Name, Value }));
	});
}

/** DeleteUserAttributes, then a refresh of the cached user data whose outcome is ignored. */
export function deleteAttributes(
	user: CognitoUser,
	attributeList: string[],
	callback: ResultCallback<'SUCCESS'>,
): void {
	const body = (accessToken: string) => ({
		UserAttributeNames: attributeList,
		AccessToken: accessToken,
	});
	const outcome = {
		fail: nodeOutcome(callback).fail,
		succeed: () =>
			user.getUserData(() => callNode(callback, null, 'SUCCESS'), { bypassCache: true }),
	};
	sendAuthenticated(user, 'DeleteUserAttributes', body, outcome, SUCCESS);
}

export function getAttributeVerificationCode(
	user: CognitoUser,
	attributeName: string,
	callback: IVerificationCodeCallbacks<string, unknown>,
	clientMetadata: ClientMetadata,
): void {
	const body = (accessToken: string) => ({
		AttributeName: attributeName,
		AccessToken: accessToken,
		ClientMetadata: clientMetadata,
	});
	const outcome = verificationOutcome(callback, SUCCESS);
	sendAuthenticated(
		user,
		'GetUserAttributeVerificationCode',
		body,
		outcome,
		asIs<CodeDeliveryResult>,
	);
}

export function verifyAttribute(
	user: CognitoUser,
	attributeName: string,
	confirmationCode: string,
	callback: IResultCallbacks<'SUCCESS'>,
): void {
	const body = (accessToken: string) => ({
		AttributeName: attributeName,
		Code: confirmationCode,
		AccessToken: accessToken,
	});
	sendAuthenticated(user, 'VerifyUserAttribute', body, objectOutcome(callback), SUCCESS);
}

export function globalSignOut(user: CognitoUser, callback: IResultCallbacks<'SUCCESS'>): void {
	const body = (accessToken: string) => ({ AccessToken: accessToken });
	sendAuthenticated(user, 'GlobalSignOut', body, objectOutcome(callback), () => {
		user.clearCachedUser();
		return 'SUCCESS' as const;
	});
}
