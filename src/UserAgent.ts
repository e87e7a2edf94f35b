import { getUserAgent } from './Platform';
import { AUTH_CATEGORY } from './Platform/constants';

/**
 * Holds the user agent sent as `X-Amz-User-Agent`. The string lives on the prototype and the
 * category and framework on the class, because Amplify and applications change them there and
 * every client of the process shares them.
 */
class UserAgent {
	/** Category added by Amplify's Auth (`auth`). */
	static category?: string;
	/** Framework code added by Amplify, sent as `framework/<code>`. */
	static framework?: string;
	/** The base user agent, shared through the prototype. */
	declare userAgent: string;
}

UserAgent.prototype.userAgent = getUserAgent();

/**
 * Appends `content` to the user agent, separated by a space, unless the user agent already
 * contains it. Falsy content is ignored.
 */
export function appendToCognitoUserAgent(content?: string): void {
	if (!content) return;
	const current = UserAgent.prototype.userAgent;
	if (current && !current.includes(content)) {
		UserAgent.prototype.userAgent = `${current} ${content}`;
	}
	if (!UserAgent.prototype.userAgent) {
		UserAgent.prototype.userAgent = content;
	}
}

/** Marks requests as coming from Amplify's Auth category. */
export function addAuthCategoryToCognitoUserAgent(): void {
	UserAgent.category = AUTH_CATEGORY;
}

/** Records the framework code that Amplify detected. */
export function addFrameworkToCognitoUserAgent(framework: string): void {
	UserAgent.framework = framework;
}

/** @returns the full `X-Amz-User-Agent` value: base, then category, then framework. */
export function getAmplifyUserAgent(): string {
	const category = UserAgent.category ? ` ${UserAgent.category}` : '';
	const framework = UserAgent.framework ? ` framework/${UserAgent.framework}` : '';
	return `${UserAgent.prototype.userAgent}${category}${framework}`;
}

export default UserAgent;
