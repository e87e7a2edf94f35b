// Hooks for Amplify to label its requests; not part of the documented API.
export { addAuthCategoryToCognitoUserAgent, addFrameworkToCognitoUserAgent } from '../UserAgent';
