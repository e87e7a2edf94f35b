// Values CognitoUser sends back to Cognito, derived from AuthenticationHelper results.
import { hmac } from '@noble/hashes/hmac';
import { sha256 } from '@noble/hashes/sha2';
import { concatBytes } from '@noble/hashes/utils';
import type AuthenticationHelper from '../AuthenticationHelper';
import { base64Decode, base64Encode, hexToBytes, utf8Encode } from './encoding';

/**
 * PASSWORD_CLAIM_SIGNATURE: base64 HMAC-SHA256, keyed with the 16-byte HKDF key, over
 * poolName ‖ userId ‖ base64-decoded secretBlock ‖ timestamp (strings as UTF-8).
 */
export function calculateSignature(
	hkdfKey: Uint8Array,
	poolName: string,
	userId: string,
	secretBlock: string,
	timestamp: string,
): string {
	const message = concatBytes(
		utf8Encode(poolName),
		utf8Encode(userId),
		base64Decode(secretBlock),
		utf8Encode(timestamp),
	);
	return base64Encode(hmac(sha256, hkdfKey, message));
}

/** ConfirmDevice's DeviceSecretVerifierConfig after `generateHashDevice` has run. */
export function deviceVerifierConfig(
	helper: Pick<AuthenticationHelper, 'getSaltDevices' | 'getVerifierDevices'>,
): { Salt: string; PasswordVerifier: string } {
	return {
		Salt: base64Encode(hexToBytes(helper.getSaltDevices() ?? '')),
		PasswordVerifier: base64Encode(hexToBytes(helper.getVerifierDevices() ?? '')),
	};
}
