import { confirmedDevice } from '../devices';
import { MSG, invalidParameter, notAuthorized, resourceNotFound } from '../errors';
import type { Service } from '../service';
import { type DeviceRecord, own } from '../state';
import { type Json, optNumber, optString, reqObject, reqString } from '../validate';

const seconds = (ms: number) => ms / 1000;

export function deviceType(device: DeviceRecord): Json {
	const attrs = [
		{ Name: 'device_status', Value: 'valid' },
		{ Name: 'device_name', Value: device.name ?? '' },
		{
			Name: 'dev:device_remembered_status',
			Value: device.remembered ? 'remembered' : 'not_remembered',
		},
		{ Name: 'last_ip_used', Value: '127.0.0.1' },
	];
	return {
		DeviceKey: device.key,
		DeviceAttributes: attrs,
		DeviceCreateDate: seconds(device.created),
		DeviceLastModifiedDate: seconds(device.modified),
		DeviceLastAuthenticatedDate: seconds(device.lastAuth),
	};
}

export async function confirmDevice(svc: Service, body: Json): Promise<Json> {
	const { pool, user } = await svc.tokens.authorize(reqString(body, 'AccessToken'));
	const key = reqString(body, 'DeviceKey');
	const config = reqObject(body, 'DeviceSecretVerifierConfig');
	const salt = optString(config, 'Salt');
	const verifier = optString(config, 'PasswordVerifier');
	if (!salt || !verifier)
		throw invalidParameter('DeviceSecretVerifierConfig needs Salt and PasswordVerifier');
	const base64 = /^[A-Za-z0-9+/]+={0,2}$/;
	if (!base64.test(salt) || !base64.test(verifier))
		throw invalidParameter('Salt and PasswordVerifier must be base64');
	const device = own(pool.devices, key);
	if (!device || device.username !== user.username) throw resourceNotFound(MSG.deviceMissing);
	// A confirmed device's secret is its own: an access token alone must not replace it.
	if (device.confirmed) throw notAuthorized('Device has already been confirmed.');
	const onPrompt = pool.config.DeviceConfiguration?.DeviceOnlyRememberedOnUserPrompt ?? false;
	device.confirmed = true;
	device.salt = salt;
	device.verifier = verifier;
	device.name = optString(body, 'DeviceName') ?? device.name;
	// Without "remember on user prompt" every confirmed device is remembered straight away.
	device.remembered = !onPrompt;
	device.modified = svc.now();
	svc.changed();
	return { UserConfirmationNecessary: onPrompt };
}

export async function getDevice(svc: Service, body: Json): Promise<Json> {
	const { pool, user } = await svc.tokens.authorize(reqString(body, 'AccessToken'));
	return { Device: deviceType(confirmedDevice(pool, user, reqString(body, 'DeviceKey'))) };
}

export async function listDevices(svc: Service, body: Json): Promise<Json> {
	const { pool, user } = await svc.tokens.authorize(reqString(body, 'AccessToken'));
	const limit = optNumber(body, 'Limit') ?? 60;
	if (!Number.isInteger(limit) || limit < 0 || limit > 60) {
		throw invalidParameter(
			`1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60`,
		);
	}
	const devices = Object.values(pool.devices)
		.filter((d) => d.username === user.username && d.confirmed)
		.sort((a, b) => a.created - b.created || a.key.localeCompare(b.key));
	const token = optString(body, 'PaginationToken');
	let start = 0;
	if (token) {
		const decoded = Buffer.from(token, 'base64url').toString('utf8');
		start = devices.findIndex((d) => d.key === decoded);
		if (start < 0) throw invalidParameter('Invalid pagination token');
	}
	const page = devices.slice(start, start + (limit || 60));
	const next = devices[start + page.length];
	const out: Json = { Devices: page.map(deviceType) };
	if (next) out.PaginationToken = Buffer.from(next.key, 'utf8').toString('base64url');
	return out;
}

export async function updateDeviceStatus(svc: Service, body: Json): Promise<Json> {
	const { pool, user } = await svc.tokens.authorize(reqString(body, 'AccessToken'));
	const device = confirmedDevice(pool, user, reqString(body, 'DeviceKey'));
	const status = optString(body, 'DeviceRememberedStatus');
	if (status !== 'remembered' && status !== 'not_remembered') {
		throw invalidParameter(
			`1 validation error detected: Value '${status ?? 'null'}' at 'deviceRememberedStatus' failed to satisfy constraint: Member must satisfy enum value set: [remembered, not_remembered]`,
		);
	}
	device.remembered = status === 'remembered';
	device.modified = svc.now();
	svc.changed();
	return {};
}

export async function forgetDevice(svc: Service, body: Json): Promise<Json> {
	const { pool, user } = await svc.tokens.authorize(reqString(body, 'AccessToken'));
	const device = confirmedDevice(pool, user, reqString(body, 'DeviceKey'));
	delete pool.devices[device.key];
	// Access tokens already issued stay valid until they expire.
	svc.tokens.dropDevice(device.key);
	return {};
}
