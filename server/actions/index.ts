import type { Service } from '../service';
import type { Json } from '../validate';
import * as admin from './admin';
import * as attributes from './attributes';
import * as devices from './devices';
import * as poolConfig from './poolConfig';
import { getTokensFromRefreshToken } from './refresh';
import { initiateAuth } from './initiateAuth';
import { respondToAuthChallenge } from './respond';
import * as signup from './signup';
import * as user from './user';
import * as webauthn from './webauthn';

export type Action = (svc: Service, body: Json) => Json | Promise<Json>;

/** X-Amz-Target action name → handler. */
export const ACTIONS: Record<string, Action> = {
	CreateUserPool: admin.createUserPool,
	DescribeUserPool: admin.describeUserPool,
	CreateUserPoolClient: admin.createUserPoolClient,
	DescribeUserPoolClient: admin.describeUserPoolClient,
	SetUserPoolMfaConfig: poolConfig.setUserPoolMfaConfig,
	GetUserPoolMfaConfig: poolConfig.getUserPoolMfaConfig,
	AdminCreateUser: admin.adminCreateUser,
	AdminConfirmSignUp: admin.adminConfirmSignUp,
	AdminGetUser: admin.adminGetUser,
	AdminDeleteUser: admin.adminDeleteUser,
	AdminSetUserPassword: admin.adminSetUserPassword,
	AdminSetUserMFAPreference: admin.adminSetUserMFAPreference,
	AdminUpdateUserAttributes: admin.adminUpdateUserAttributes,
	ListUsers: admin.listUsers,
	SignUp: signup.signUp,
	ConfirmSignUp: signup.confirmSignUp,
	ResendConfirmationCode: signup.resendConfirmationCode,
	ForgotPassword: signup.forgotPassword,
	ConfirmForgotPassword: signup.confirmForgotPassword,
	InitiateAuth: initiateAuth,
	GetTokensFromRefreshToken: getTokensFromRefreshToken,
	GetUserAuthFactors: user.getUserAuthFactors,
	RespondToAuthChallenge: respondToAuthChallenge,
	ConfirmDevice: devices.confirmDevice,
	GetDevice: devices.getDevice,
	ListDevices: devices.listDevices,
	UpdateDeviceStatus: devices.updateDeviceStatus,
	ForgetDevice: devices.forgetDevice,
	ChangePassword: user.changePassword,
	GetUser: user.getUser,
	UpdateUserAttributes: attributes.updateUserAttributes,
	DeleteUserAttributes: attributes.deleteUserAttributes,
	GetUserAttributeVerificationCode: attributes.getUserAttributeVerificationCode,
	VerifyUserAttribute: attributes.verifyUserAttribute,
	DeleteUser: user.deleteUser,
	GlobalSignOut: user.globalSignOut,
	RevokeToken: user.revokeToken,
	SetUserMFAPreference: user.setUserMFAPreference,
	SetUserSettings: user.setUserSettings,
	AssociateSoftwareToken: user.associateSoftwareToken,
	VerifySoftwareToken: user.verifySoftwareToken,
	StartWebAuthnRegistration: webauthn.startWebAuthnRegistration,
	CompleteWebAuthnRegistration: webauthn.completeWebAuthnRegistration,
	ListWebAuthnCredentials: webauthn.listWebAuthnCredentials,
	DeleteWebAuthnCredential: webauthn.deleteWebAuthnCredential,
};
