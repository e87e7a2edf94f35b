// Sign-up, passwords, attributes and sign-out as async functions over the callback methods.
import type CognitoUser from '../CognitoUser';
import type CognitoUserAttribute from '../CognitoUserAttribute';
import type CognitoUserPool from '../CognitoUserPool';
import type { CodeDeliveryResult, ICognitoUserAttributeData, ISignUpResult } from '../types';
import { nodeStyle, ownClient, resultCallbacks, run } from './run';
import type { CallOptions } from './run';
import type { AnswerOptions } from './signIn';

/** Attributes as `signUp` and `updateAttributes` take them. */
export type AttributeList = (CognitoUserAttribute | ICognitoUserAttributeData)[];

/** Options of `signUp`. */
export interface SignUpOptions extends AnswerOptions {
	/** The user's attributes, e.g. `email`. */
	attributes?: AttributeList;
	/** Passed to the pre-sign-up trigger. */
	validationData?: AttributeList;
}

/**
 * Registers a user (`pool.signUp`). Without a password (`null`) it is a passwordless
 * sign-up, whose `session` carries on to `confirmSignUp` and a USER_AUTH sign-in.
 */
export async function signUp(
	pool: CognitoUserPool,
	username: string,
	password: string | null,
	options?: SignUpOptions,
): Promise<ISignUpResult> {
	const result = await run<ISignUpResult>(pool, options, (outcome) =>
		pool.signUp(
			username,
			password,
			options?.attributes,
			options?.validationData,
			nodeStyle(outcome),
			options?.clientMetadata,
		),
	);
	// The new user was built while the pool's client carried this call's signal.
	result.user.client = ownClient(pool);
	return result;
}

/** Options of `confirmSignUp`. */
export interface ConfirmSignUpOptions extends AnswerOptions {
	/** Confirms even when another user has the same email or phone as alias. */
	forceAliasCreation?: boolean;
	/** The Session `signUp` returned, when confirming on another page. */
	session?: string;
}

/** Confirms the sign-up with the code the user received (`confirmRegistration`). */
export function confirmSignUp(
	user: CognitoUser,
	code: string,
	options?: ConfirmSignUpOptions,
): Promise<'SUCCESS'> {
	return run(user, options, (outcome) =>
		user.confirmRegistration(
			code,
			options?.forceAliasCreation ?? false,
			nodeStyle(outcome),
			options?.clientMetadata,
			{ session: options?.session },
		),
	);
}

/** Sends the sign-up code again; resolves to where it went. */
export function resendSignUpCode(
	user: CognitoUser,
	options?: AnswerOptions,
): Promise<CodeDeliveryResult> {
	return run(user, options, (outcome) =>
		user.resendConfirmationCode(nodeStyle(outcome), options?.clientMetadata),
	);
}

/** Starts the forgot-password flow; resolves to where the code went. */
export function forgotPassword(
	user: CognitoUser,
	options?: AnswerOptions,
): Promise<CodeDeliveryResult> {
	return run(user, options, (outcome) =>
		user.forgotPassword(resultCallbacks(outcome), options?.clientMetadata),
	);
}

/** Sets a new password with the code of `forgotPassword`. */
export function confirmForgotPassword(
	user: CognitoUser,
	code: string,
	newPassword: string,
	options?: AnswerOptions,
): Promise<'SUCCESS'> {
	return run(user, options, (outcome) =>
		user.confirmPassword(code, newPassword, resultCallbacks(outcome), options?.clientMetadata),
	);
}

/** Changes the signed-in user's password. */
export function changePassword(
	user: CognitoUser,
	oldPassword: string,
	newPassword: string,
	options?: AnswerOptions,
): Promise<'SUCCESS'> {
	return run(user, options, (outcome) =>
		user.changePassword(oldPassword, newPassword, nodeStyle(outcome), options?.clientMetadata),
	);
}

/** The signed-in user's attributes. */
export function getUserAttributes(
	user: CognitoUser,
	options?: CallOptions,
): Promise<CognitoUserAttribute[]> {
	return run(user, options, (outcome) => user.getUserAttributes(nodeStyle(outcome)));
}

/** Updates attributes; a changed email or phone number is verified with a code. */
export function updateAttributes(
	user: CognitoUser,
	attributes: AttributeList,
	options?: AnswerOptions,
): Promise<'SUCCESS'> {
	return run(user, options, (outcome) =>
		user.updateAttributes(attributes, nodeStyle(outcome), options?.clientMetadata),
	);
}

/** Deletes the named attributes. */
export function deleteAttributes(
	user: CognitoUser,
	names: string[],
	options?: CallOptions,
): Promise<'SUCCESS'> {
	return run(user, options, (outcome) => user.deleteAttributes(names, nodeStyle(outcome)));
}

/** Sends a code to verify an attribute (`email`, `phone_number`); resolves to where it went. */
export function getAttributeVerificationCode(
	user: CognitoUser,
	attributeName: string,
	options?: AnswerOptions,
): Promise<CodeDeliveryResult | 'SUCCESS'> {
	return run(user, options, (outcome) =>
		user.getAttributeVerificationCode(
			attributeName,
			{
				onSuccess: outcome.succeed,
				onFailure: outcome.fail,
				inputVerificationCode: outcome.succeed,
			},
			options?.clientMetadata,
		),
	);
}

/** Verifies an attribute with the code of `getAttributeVerificationCode`. */
export function verifyAttribute(
	user: CognitoUser,
	attributeName: string,
	code: string,
	options?: CallOptions,
): Promise<'SUCCESS'> {
	return run(user, options, (outcome) =>
		user.verifyAttribute(attributeName, code, resultCallbacks(outcome)),
	);
}

/** Deletes the signed-in user and clears its cached tokens. */
export function deleteUser(user: CognitoUser, options?: AnswerOptions): Promise<'SUCCESS'> {
	return run(user, options, (outcome) =>
		user.deleteUser(nodeStyle(outcome), options?.clientMetadata),
	);
}

/**
 * Signs out on this device: clears the cached tokens and revokes the refresh token; resolves
 * once the revocation answered (the tokens are cleared either way).
 */
export function signOut(user: CognitoUser, options?: CallOptions): Promise<void> {
	return run<void>(user, options, (outcome) =>
		user.signOut((err) => (err ? outcome.fail(err) : outcome.succeed())),
	);
}

/** Signs out everywhere: invalidates all the user's tokens, then clears the cached ones. */
export function globalSignOut(user: CognitoUser, options?: CallOptions): Promise<'SUCCESS'> {
	return run(user, options, (outcome) => user.globalSignOut(resultCallbacks(outcome)));
}
