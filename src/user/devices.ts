// The remembered device's requests: reading, listing, forgetting it, and its remembered status.
import type CognitoUser from '../CognitoUser';
import type { GetDeviceResult, IResultCallbacks, ListDevicesResult } from '../types';
import { callMember, objectOutcome } from '../utils/callbacks';
import { sendAuthenticated } from './requests';
import type { Body } from './requests';

/** GetDevice for this user's device. */
export function getDevice(user: CognitoUser, callback: IResultCallbacks<unknown>): void {
	const body = (accessToken: string) => ({ AccessToken: accessToken, DeviceKey: user.deviceKey });
	const asIs = (data: GetDeviceResult): GetDeviceResult => data;
	sendAuthenticated(user, 'GetDevice', body, objectOutcome(callback), asIs);
}

/** ForgetDevice for the device with the given key. */
export function forgetSpecificDevice(
	user: CognitoUser,
	deviceKey: string,
	callback: IResultCallbacks<'SUCCESS'>,
): void {
	const body = (accessToken: string) => ({ AccessToken: accessToken, DeviceKey: deviceKey });
	const outcome = objectOutcome(callback);
	sendAuthenticated(user, 'ForgetDevice', body, outcome, () => 'SUCCESS' as const);
}

/** Forgets this device through `user.forgetSpecificDevice`, then drops its keys. */
export function forgetThisDevice(user: CognitoUser, callback: IResultCallbacks<'SUCCESS'>): void {
	user.forgetSpecificDevice(user.deviceKey as string, {
		onFailure: (err) => callMember(callback, 'onFailure', err),
		onSuccess: (result) => {
			user.deviceKey = null;
			user.deviceGroupKey = null;
			user.randomPassword = null;
			user.clearCachedDeviceKeyAndPassword();
			callMember(callback, 'onSuccess', result);
		},
	});
}

/** UpdateDeviceStatus for this user's device: `remembered` or `not_remembered`. */
export function updateDeviceStatus(
	user: CognitoUser,
	status: 'remembered' | 'not_remembered',
	callback: IResultCallbacks<'SUCCESS'>,
): void {
	const body = (accessToken: string) => ({
		AccessToken: accessToken,
		DeviceKey: user.deviceKey,
		DeviceRememberedStatus: status,
	});
	const outcome = objectOutcome(callback);
	sendAuthenticated(user, 'UpdateDeviceStatus', body, outcome, () => 'SUCCESS' as const);
}

/** ListDevices; PaginationToken only when there is one. */
export function listDevices(
	user: CognitoUser,
	limit: number,
	paginationToken: string | null | undefined,
	callback: IResultCallbacks<ListDevicesResult>,
): void {
	const body = (accessToken: string): Body => {
		const request: Body = { AccessToken: accessToken, Limit: limit };
		if (paginationToken) request.PaginationToken = paginationToken;
		return request;
	};
	const asIs = (data: ListDevicesResult): ListDevicesResult => data;
	sendAuthenticated(user, 'ListDevices', body, objectOutcome(callback), asIs);
}
