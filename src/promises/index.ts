// amazon-cognito-identity-js/promises: the callback API as async functions, with sign-in as
// typed steps. Each function calls the callback method of the same name (one code path) and
// takes an AbortSignal.
export { signIn, signInWithCustomAuth } from './signIn';
export {
	signUp,
	confirmSignUp,
	resendSignUpCode,
	forgotPassword,
	confirmForgotPassword,
	changePassword,
	getUserAttributes,
	updateAttributes,
	deleteAttributes,
	getAttributeVerificationCode,
	verifyAttribute,
	deleteUser,
	signOut,
	globalSignOut,
} from './account';
export {
	getSession,
	refreshSession,
	getUserData,
	getUserAuthFactors,
	setMfaPreference,
	associateTotp,
	verifyTotp,
	getDevice,
	listDevices,
	rememberDevice,
	doNotRememberDevice,
	forgetDevice,
	forgetSpecificDevice,
} from './session';
export {
	startPasskeyRegistration,
	completePasskeyRegistration,
	registerPasskey,
	listPasskeys,
	deletePasskey,
} from './passkeys';
export type { CallOptions } from './run';
export type {
	AnswerOptions,
	CodeStep,
	CustomChallengeStep,
	EmailCodeStep,
	FactorSelectionStep,
	MfaSelectionStep,
	MfaSetupStep,
	NewPasswordStep,
	PasskeyStep,
	SignedInStep,
	SignInStep,
	SignInStepKind,
	SmsCodeStep,
	TotpCodeStep,
} from './signIn';
export type { AttributeList, ConfirmSignUpOptions, SignUpOptions } from './account';
export type { MfaPreference } from './session';
