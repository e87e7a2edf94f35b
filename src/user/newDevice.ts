// The ConfirmDevice leg that ends a login in which the service issued a new device: the device
// gets a secret and a verifier, the service is told the verifier, and the device's keys are
// cached so that the next login can use device SRP.
import type AuthenticationHelper from '../AuthenticationHelper';
import type CognitoUser from '../CognitoUser';
import type CognitoUserSession from '../CognitoUserSession';
import { Platform } from '../Platform';
import type { AuthenticationResult, IAuthenticationCallback } from '../types';
import { attempt, callMember, runStep } from '../utils/callbacks';
import { deviceVerifierConfig } from '../utils/srpSignature';

/** The DeviceName ConfirmDevice registers, fixed when the module loads as in the original. */
const deviceName: string =
	typeof navigator === 'undefined'
		? 'nodejs'
		: Platform.isReactNative
			? 'react-native'
			: navigator.userAgent;

/** A new device as the service announces it in an AuthenticationResult. */
type NewDevice = NonNullable<AuthenticationResult['NewDeviceMetadata']>;

/**
 * Confirms `newDevice` and then calls `onSuccess(session)`, or `onSuccess(session, true)` when
 * the service asks the user to confirm the device. The tokens are already cached by then, as in
 * the original, so a ConfirmDevice failure leaves the user signed in.
 */
export function confirmNewDevice(
	user: CognitoUser,
	newDevice: NewDevice,
	session: CognitoUserSession,
	helper: AuthenticationHelper,
	callback: Pick<IAuthenticationCallback, 'onSuccess' | 'onFailure'>,
): void {
	const fail = (err: Error): void => callMember(callback, 'onFailure', err);
	runStep<null>(
		// As in the original, the device key stands where SRP has the username.
		(done) => helper.generateHashDevice(newDevice.DeviceGroupKey, newDevice.DeviceKey, done),
		(errHash) => {
			if (errHash) return fail(errHash);
			const config = attempt(() => deviceVerifierConfig(helper), fail);
			if (!config) return;
			user.verifierDevices = config.value.PasswordVerifier;
			user.deviceGroupKey = newDevice.DeviceGroupKey;
			user.randomPassword = helper.getRandomPassword() ?? null;
			user.client.request<{ UserConfirmationNecessary?: boolean }>(
				'ConfirmDevice',
				{
					DeviceKey: newDevice.DeviceKey,
					AccessToken: session.getAccessToken().getJwtToken(),
					DeviceSecretVerifierConfig: config.value,
					DeviceName: deviceName,
				},
				(errConfirm, confirmed) => {
					if (errConfirm) return fail(errConfirm);
					user.deviceKey = newDevice.DeviceKey;
					user.cacheDeviceKeyAndPassword();
					if (confirmed?.UserConfirmationNecessary === true) {
						return callMember(callback, 'onSuccess', session, true);
					}
					return callMember(callback, 'onSuccess', session);
				},
			);
		},
	);
}
