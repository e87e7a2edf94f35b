import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import CognitoAccessToken from '../../src/CognitoAccessToken';
import CognitoIdToken from '../../src/CognitoIdToken';
import CognitoRefreshToken from '../../src/CognitoRefreshToken';
import CognitoUserSession from '../../src/CognitoUserSession';
import { makeJwt } from './jwtFixture';

const NOW = 1_700_000_000;
const tokens = (iat: number, exp: number, idIat = iat, idExp = exp) => ({
	AccessToken: new CognitoAccessToken({ AccessToken: makeJwt({ iat, exp }) }),
	IdToken: new CognitoIdToken({ IdToken: makeJwt({ iat: idIat, exp: idExp }) }),
	RefreshToken: new CognitoRefreshToken({ RefreshToken: 'r' }),
});

beforeEach(() => {
	vi.useFakeTimers({ toFake: ['Date'] });
	vi.setSystemTime(NOW * 1000 + 400);
});
afterEach(() => vi.useRealTimers());

describe('CognitoUserSession', () => {
	it.each([
		[{}, 'no tokens'],
		[{ IdToken: new CognitoIdToken() }, 'no access token'],
		[{ AccessToken: new CognitoAccessToken() }, 'no id token'],
	])('throws the original message with %j (%s)', (data, _label) => {
		expect(() => new CognitoUserSession(data)).toThrow(
			new Error('Id token and Access Token must be present.'),
		);
	});

	it('throws without any argument', () => {
		expect(() => new CognitoUserSession()).toThrow('Id token and Access Token must be present.');
	});

	it('returns its tokens', () => {
		const data = tokens(NOW, NOW + 3600);
		const session = new CognitoUserSession(data);
		expect(session.getAccessToken()).toBe(data.AccessToken);
		expect(session.getIdToken()).toBe(data.IdToken);
		expect(session.getRefreshToken()).toBe(data.RefreshToken);
	});

	it('computes the clock drift from the earlier iat when none is given', () => {
		const session = new CognitoUserSession(tokens(NOW - 30, NOW + 3600, NOW - 10));
		expect(session.getClockDrift()).toBe(30);
		expect(session.calculateClockDrift()).toBe(30);
	});

	it('keeps an explicit ClockDrift, including 0', () => {
		expect(
			new CognitoUserSession({ ...tokens(NOW - 30, NOW + 60), ClockDrift: 0 }).getClockDrift(),
		).toBe(0);
		expect(new CognitoUserSession({ ...tokens(NOW, NOW + 60), ClockDrift: -7 }).clockDrift).toBe(
			-7,
		);
	});

	it('is valid until the earlier expiry on the drift-corrected clock', () => {
		expect(new CognitoUserSession({ ...tokens(NOW, NOW + 1), ClockDrift: 0 }).isValid()).toBe(true);
		expect(new CognitoUserSession({ ...tokens(NOW, NOW), ClockDrift: 0 }).isValid()).toBe(false);
		expect(
			new CognitoUserSession({ ...tokens(NOW, NOW + 100, NOW, NOW - 1), ClockDrift: 0 }).isValid(),
		).toBe(false);
	});

	it('stays valid when the device clock is an hour fast (pitfall 10)', () => {
		// Tokens issued by the service "now" on its clock; the device thinks it is an hour later.
		const serviceNow = NOW - 3600;
		const session = new CognitoUserSession(tokens(serviceNow, serviceNow + 300));
		expect(session.getClockDrift()).toBe(3600);
		expect(session.isValid()).toBe(true);
	});

	it('is never valid without exp claims', () => {
		const session = new CognitoUserSession({
			AccessToken: new CognitoAccessToken({ AccessToken: makeJwt({ iat: NOW }) }),
			IdToken: new CognitoIdToken({ IdToken: makeJwt({ iat: NOW }) }),
			ClockDrift: 0,
		});
		expect(session.isValid()).toBe(false);
	});
});
