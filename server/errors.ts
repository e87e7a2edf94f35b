/** An error the service reports to the client as `{__type, message}`. */
export class ServiceError extends Error {
	constructor(
		readonly type: string,
		message: string,
		readonly status = 400,
	) {
		super(message);
	}
}

export const err = (type: string, message: string, status = 400): ServiceError =>
	new ServiceError(type, message, status);

export const invalidParameter = (message: string): ServiceError =>
	err('InvalidParameterException', message);

export const notAuthorized = (message: string): ServiceError =>
	err('NotAuthorizedException', message);

export const resourceNotFound = (message: string): ServiceError =>
	err('ResourceNotFoundException', message);

// Messages below are the ones the real service sends; clients and apps match on them.
export const MSG = {
	badCredentials: 'Incorrect username or password.',
	userNotFound: 'User does not exist.',
	userNotConfirmed: 'User is not confirmed.',
	userDisabled: 'User is disabled.',
	codeMismatch: 'Invalid verification code provided, please try again.',
	codeExpired: 'Invalid code provided, please request a code again.',
	mfaCodeMismatch: 'Invalid code or auth state for the user.',
	totpCodeMismatch: 'Invalid code received for user',
	sessionExpired: 'Invalid session for the user, session is expired.',
	sessionInvalid: 'Invalid session for the user.',
	accessRevoked: 'Access Token has been revoked',
	accessExpired: 'Access Token has expired',
	accessInvalid: 'Invalid Access Token',
	refreshInvalid: 'Invalid Refresh Token',
	refreshRevoked: 'Refresh Token has been revoked',
	refreshExpired: 'Refresh Token has expired',
	deviceMissing: 'Device does not exist.',
} as const;
