/** The category Amplify's Auth adds to the user agent. */
export const AUTH_CATEGORY = 'auth';
