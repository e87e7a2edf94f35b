import CognitoJwtToken from './CognitoJwtToken';

/** The access token of a session; it authorises the user's own API calls. */
export default class CognitoAccessToken extends CognitoJwtToken {
	/** @param data - an object with `AccessToken`; anything else gives an empty token. */
	constructor({ AccessToken }: { AccessToken?: string } = {}) {
		super(AccessToken || '');
	}
}
