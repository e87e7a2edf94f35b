import CognitoJwtToken from './CognitoJwtToken';

/** The ID token of a session; its claims describe the user. */
export default class CognitoIdToken extends CognitoJwtToken {
	/** @param data - an object with `IdToken`; anything else gives an empty token. */
	constructor({ IdToken }: { IdToken?: string } = {}) {
		super(IdToken || '');
	}
}
