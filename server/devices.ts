import { randomUUID } from 'node:crypto';
import { MSG, resourceNotFound } from './errors';
import { bytesToBig } from './srp';
import { type DeviceRecord, type PoolRecord, type UserRecord, own } from './state';

/** The one owner of device records: created at sign-in, confirmed, looked up, forgotten. */

/** The user's confirmed device under `key`, or undefined (someone else's counts as none). */
export function findConfirmedDevice(
	pool: PoolRecord,
	user: UserRecord,
	key: string | undefined,
): DeviceRecord | undefined {
	if (!key) return undefined;
	const device = own(pool.devices, key);
	return device && device.username === user.username && device.confirmed ? device : undefined;
}

/** {@link findConfirmedDevice}, answering the service's ResourceNotFoundException when there is none. */
export function confirmedDevice(pool: PoolRecord, user: UserRecord, key: string): DeviceRecord {
	const device = findConfirmedDevice(pool, user, key);
	if (!device) throw resourceNotFound(MSG.deviceMissing);
	return device;
}

/** A device issued to a fresh sign-in on a pool that tracks devices; confirmed later. */
export function newDevice(
	pool: PoolRecord,
	user: UserRecord,
	region: string,
	now: number,
): DeviceRecord {
	const key = `${region}_${randomUUID()}`;
	const device: DeviceRecord = {
		key,
		groupKey: user.deviceGroupKey,
		username: user.username,
		confirmed: false,
		remembered: false,
		created: now,
		modified: now,
		lastAuth: now,
	};
	pool.devices[key] = device;
	return device;
}

/** Every device of a user, on account deletion. */
export function removeUserDevices(pool: PoolRecord, username: string): void {
	for (const [key, device] of Object.entries(pool.devices)) {
		if (device.username === username) delete pool.devices[key];
	}
}

export function deviceSaltHex(device: DeviceRecord): string {
	return bytesToBig(Buffer.from(device.salt ?? '', 'base64')).toString(16);
}

export function deviceVerifierHex(device: DeviceRecord): string {
	return bytesToBig(Buffer.from(device.verifier ?? '', 'base64')).toString(16);
}
