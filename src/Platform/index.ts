import { version } from './version';

/** Facts about the running platform that the user agent and device name depend on. */
export interface PlatformInfo {
	/** `aws-amplify/<version>`. */
	userAgent: string;
	/** True inside React Native, whose `navigator.product` says so. */
	isReactNative: boolean;
}

/** The platform, detected once when the module loads. */
export const Platform: PlatformInfo = {
	userAgent: `aws-amplify/${version}`,
	isReactNative: typeof navigator !== 'undefined' && navigator.product === 'ReactNative',
};

/** @returns the base user agent, `aws-amplify/<version>`. */
export const getUserAgent = (): string => Platform.userAgent;

export default Platform;
