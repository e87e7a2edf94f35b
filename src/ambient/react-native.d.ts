// The one thing the React Native entry reads from 'react-native', which is not installed here
// (apps bring it); declared for this build only, never published.
declare module 'react-native' {
	/** The app's linked native modules, by name; absent ones are undefined. */
	export const NativeModules: { readonly [name: string]: unknown };
}
