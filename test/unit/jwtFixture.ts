// Builds unsigned JWTs for tests: only the payload matters to the classes under test.
import { base64Encode, utf8Encode } from '../../src/utils/encoding';

export function base64Url(text: string): string {
	return base64Encode(utf8Encode(text)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function makeJwt(payload: object): string {
	return `${base64Url('{"alg":"RS256","kid":"k"}')}.${base64Url(JSON.stringify(payload))}.c2ln`;
}
