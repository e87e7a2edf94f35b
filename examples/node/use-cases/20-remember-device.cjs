// Use case 20: remembering a device. The pool remembers devices only when the user agrees
// (DeviceOnlyRememberedOnUserPrompt), so sign-in reports userConfirmationNecessary = true; once
// remembered, the next sign-in on that device goes through device SRP.
const {
	check,
	jwtPayload,
	memoryStorage,
	settle,
	signIn,
	signUpConfirmed,
} = require('../helpers.cjs');

const rememberedStatus = (device) =>
	device.DeviceAttributes.find((a) => a.Name === 'dev:device_remembered_status').Value;

module.exports = {
	id: '20',
	title: 'Remembering a device',
	async run(AmazonCognitoIdentity, config, log) {
		const { username } = await signUpConfirmed(AmazonCognitoIdentity, config, 'devices', 'uc20');
		const storage = memoryStorage();
		const { cognitoUser, session } = await signIn(
			AmazonCognitoIdentity,
			config,
			'devices',
			username,
			{ storage },
		);
		check(session.userConfirmationNecessary === true, 'the user is asked to remember the device');

		const result = await new Promise((resolve, reject) => {
			cognitoUser.setDeviceStatusRemembered({
				onSuccess: function (res) {
					log('call result: ' + res);
					resolve(res);
				},
				onFailure: function (err) {
					reject(err);
				},
			});
		});
		check(result === 'SUCCESS', 'setDeviceStatusRemembered answers SUCCESS');
		const { Device } = await settle((resolve, reject) =>
			cognitoUser.getDevice({ onSuccess: resolve, onFailure: reject }),
		);
		check(rememberedStatus(Device) === 'remembered', 'the device is remembered');

		// Signing in again on this device: the cached device key and secret prove the device.
		const again = await signIn(AmazonCognitoIdentity, config, 'devices', username, { storage });
		const claims = jwtPayload(again.session.getAccessToken().getJwtToken());
		check(claims.device_key === cognitoUser.deviceKey, 'the new tokens belong to the device');
		check(again.session.userConfirmationNecessary === undefined, 'no new device this time');
		return { result, status: rememberedStatus(Device), deviceSrp: true };
	},
};
