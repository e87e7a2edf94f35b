import { afterEach, describe, expect, it } from 'vitest';
import UserAgent, {
	addAuthCategoryToCognitoUserAgent,
	addFrameworkToCognitoUserAgent,
	appendToCognitoUserAgent,
	getAmplifyUserAgent,
} from '../../src/UserAgent';
import * as internals from '../../src/internals';
import PlatformDefault, { Platform, getUserAgent } from '../../src/Platform';
import { AUTH_CATEGORY } from '../../src/Platform/constants';
import { version } from '../../src/Platform/version';

const BASE = 'aws-amplify/5.0.4';

afterEach(() => {
	UserAgent.prototype.userAgent = BASE;
	UserAgent.category = undefined;
	UserAgent.framework = undefined;
});

describe('Platform', () => {
	it('reports the original (stale) version and base user agent', () => {
		expect(version).toBe('5.0.4');
		expect(getUserAgent()).toBe(BASE);
		expect(Platform.userAgent).toBe(BASE);
		expect(PlatformDefault).toBe(Platform);
		expect(Platform.isReactNative).toBe(false);
		expect(AUTH_CATEGORY).toBe('auth');
	});
});

describe('UserAgent', () => {
	it('keeps the user agent on the prototype', () => {
		expect(Object.prototype.hasOwnProperty.call(UserAgent.prototype, 'userAgent')).toBe(true);
		expect(new UserAgent().userAgent).toBe(BASE);
	});

	it('appendToCognitoUserAgent appends once and ignores empty content', () => {
		appendToCognitoUserAgent('');
		appendToCognitoUserAgent(undefined);
		expect(UserAgent.prototype.userAgent).toBe(BASE);
		appendToCognitoUserAgent('my-app/1');
		appendToCognitoUserAgent('my-app/1');
		appendToCognitoUserAgent('amplify');
		expect(UserAgent.prototype.userAgent).toBe(`${BASE} my-app/1`);
	});

	it('appendToCognitoUserAgent sets the content when the user agent is empty', () => {
		UserAgent.prototype.userAgent = '';
		appendToCognitoUserAgent('x');
		expect(UserAgent.prototype.userAgent).toBe('x');
	});

	it('getAmplifyUserAgent adds the category, then the framework', () => {
		expect(getAmplifyUserAgent()).toBe(BASE);
		addFrameworkToCognitoUserAgent('0');
		expect(getAmplifyUserAgent()).toBe(`${BASE} framework/0`);
		internals.addAuthCategoryToCognitoUserAgent();
		expect(UserAgent.category).toBe('auth');
		expect(getAmplifyUserAgent()).toBe(`${BASE} auth framework/0`);
		internals.addFrameworkToCognitoUserAgent('1');
		expect(UserAgent.framework).toBe('1');
		expect(addAuthCategoryToCognitoUserAgent).toBe(internals.addAuthCategoryToCognitoUserAgent);
	});

	it('internals exports exactly the two hooks', () => {
		expect(Object.keys(internals).sort()).toEqual([
			'addAuthCategoryToCognitoUserAgent',
			'addFrameworkToCognitoUserAgent',
		]);
	});
});
