/** Framework codes that Amplify reports as `framework/<code>` in the user agent. */
export const FRAMEWORK = {
	None: '0',
	ReactNative: '1',
} as const;

/** The category Amplify's Auth adds to the user agent. */
export const AUTH_CATEGORY = 'auth';
