// UTF-8 decoding seam, default twin (Node and React Native): TextDecoder wherever there is one.
// Hermes has none before React Native 0.85, hence the hand-written decoder below; every browser
// has one, so the browser twin (utf8Decode.browser.ts) leaves the decoder out of the bundle.

/**
 * Decodes UTF-8 as a non-fatal TextDecoder does: each malformed sequence becomes U+FFFD. Uses
 * TextDecoder wherever there is one; Hermes has none before React Native 0.85, hence the
 * hand-written {@link utf8DecodeWithoutTextDecoder}.
 */
export function utf8Decode(bytes: Uint8Array): string {
	if (typeof TextDecoder === 'function') return new TextDecoder().decode(bytes);
	return utf8DecodeWithoutTextDecoder(bytes);
}

/**
 * The first byte of each UTF-8 form (RFC 3629, table 3-7 of the Unicode standard): how many
 * continuation bytes follow, what the lead contributes, and the range the FIRST continuation
 * byte must fall in (narrower than 0x80–0xbf after E0, ED, F0 and F4, which excludes overlong
 * forms, surrogates and code points above U+10FFFF).
 */
interface LeadForm {
	continuations: number;
	payload: number;
	firstLow: number;
	firstHigh: number;
}

function leadForm(lead: number): LeadForm | undefined {
	if (lead >= 0xc2 && lead <= 0xdf) {
		return { continuations: 1, payload: lead & 0x1f, firstLow: 0x80, firstHigh: 0xbf };
	}
	if (lead >= 0xe0 && lead <= 0xef) {
		const firstLow = lead === 0xe0 ? 0xa0 : 0x80;
		const firstHigh = lead === 0xed ? 0x9f : 0xbf;
		return { continuations: 2, payload: lead & 0x0f, firstLow, firstHigh };
	}
	if (lead >= 0xf0 && lead <= 0xf4) {
		const firstLow = lead === 0xf0 ? 0x90 : 0x80;
		const firstHigh = lead === 0xf4 ? 0x8f : 0xbf;
		return { continuations: 3, payload: lead & 0x07, firstLow, firstHigh };
	}
	// 0x80–0xc1 and 0xf5–0xff never start a well-formed sequence.
	return undefined;
}

/**
 * UTF-8 decoding for engines without TextDecoder (Hermes before React Native 0.85), with the
 * WHATWG decoder's replacement rule: each maximal invalid subsequence becomes one U+FFFD, and
 * the byte that broke a sequence is read again as the start of the next one.
 */
export function utf8DecodeWithoutTextDecoder(bytes: Uint8Array): string {
	let text = '';
	let i = 0;
	while (i < bytes.length) {
		const lead = bytes[i] as number;
		i++;
		if (lead < 0x80) {
			text += String.fromCharCode(lead);
			continue;
		}
		const form = leadForm(lead);
		if (!form) {
			text += '\ufffd';
			continue;
		}
		let codePoint = form.payload;
		let low = form.firstLow;
		let high = form.firstHigh;
		let read = 0;
		while (read < form.continuations) {
			const next = bytes[i];
			if (next === undefined || next < low || next > high) break;
			codePoint = (codePoint << 6) | (next & 0x3f);
			low = 0x80;
			high = 0xbf;
			read++;
			i++;
		}
		text += read === form.continuations ? String.fromCodePoint(codePoint) : '\ufffd';
	}
	return text;
}
