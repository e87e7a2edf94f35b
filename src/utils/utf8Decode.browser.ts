// UTF-8 decoding seam, browser twin: every browser has TextDecoder, so the hand-written decoder
// that React Native's Hermes needs (utf8Decode.ts) stays out of the browser bundle.

/** Decodes UTF-8 as a non-fatal TextDecoder does: each malformed sequence becomes U+FFFD. */
export function utf8Decode(bytes: Uint8Array): string {
	return new TextDecoder().decode(bytes);
}
