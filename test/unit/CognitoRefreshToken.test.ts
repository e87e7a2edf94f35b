import { describe, expect, it } from 'vitest';
import CognitoRefreshToken from '../../src/CognitoRefreshToken';

describe('CognitoRefreshToken', () => {
	it('keeps the token in the token field', () => {
		const token = new CognitoRefreshToken({ RefreshToken: 'opaque' });
		expect(token.token).toBe('opaque');
		expect(token.getToken()).toBe('opaque');
	});

	it.each([undefined, {}, { RefreshToken: null }, { RefreshToken: '' }])(
		'is empty for %j',
		(input) => {
			expect(new CognitoRefreshToken(input as { RefreshToken?: string }).getToken()).toBe('');
		},
	);
});
