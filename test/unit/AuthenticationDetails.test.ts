import { describe, expect, it } from 'vitest';
import AuthenticationDetails from '../../src/AuthenticationDetails';

describe('AuthenticationDetails', () => {
	it('returns what it was given', () => {
		const details = new AuthenticationDetails({
			Username: 'alice',
			Password: 'pw',
			ValidationData: { v: '1' },
			AuthParameters: { A: 'b' },
			ClientMetadata: { m: '1' },
		});
		expect(details.getUsername()).toBe('alice');
		expect(details.getPassword()).toBe('pw');
		expect(details.getValidationData()).toEqual({ v: '1' });
		expect(details.getAuthParameters()).toEqual({ A: 'b' });
		expect(details.getClientMetadata()).toEqual({ m: '1' });
	});

	it('defaults missing objects to {} and keeps missing strings undefined', () => {
		for (const details of [new AuthenticationDetails(), new AuthenticationDetails({})]) {
			expect(details.getValidationData()).toEqual({});
			expect(details.getAuthParameters()).toEqual({});
			expect(details.getClientMetadata()).toEqual({});
			expect(details.getUsername()).toBeUndefined();
			expect(details.getPassword()).toBeUndefined();
		}
	});

	it('keeps the original field names', () => {
		const details = new AuthenticationDetails({ Username: 'u', Password: 'p' });
		expect(Object.keys(details).sort()).toEqual(
			['authParameters', 'clientMetadata', 'password', 'username', 'validationData'].sort(),
		);
	});
});
