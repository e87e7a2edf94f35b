// Use case 22: forgetting the current device.
const { check, memoryStorage, settle, signIn, signUpConfirmed } = require('../helpers.cjs');

module.exports = {
	id: '22',
	title: 'Forgetting the current device',
	async run(AmazonCognitoIdentity, config, log) {
		const { username } = await signUpConfirmed(AmazonCognitoIdentity, config, 'devices', 'uc22');
		const storage = memoryStorage();
		const { cognitoUser } = await signIn(AmazonCognitoIdentity, config, 'devices', username, {
			storage,
		});
		const deviceKey = cognitoUser.deviceKey;
		check(typeof deviceKey === 'string', 'signed in on a tracked device');

		const result = await new Promise((resolve, reject) => {
			cognitoUser.forgetDevice({
				onSuccess: function (res) {
					log('call result: ' + res);
					resolve(res);
				},
				onFailure: function (err) {
					reject(err);
				},
			});
		});
		check(result === 'SUCCESS', 'forgetDevice answers SUCCESS');
		check(cognitoUser.deviceKey == null, 'the user object forgot the device key');
		check(!storage.keys().some((k) => k.endsWith('.deviceKey')), 'the cached device is removed');
		const list = await settle((resolve, reject) =>
			cognitoUser.listDevices(60, null, { onSuccess: resolve, onFailure: reject }),
		);
		check(!list.Devices.some((d) => d.DeviceKey === deviceKey), 'the service forgot it too');
		return { result, devicesLeft: list.Devices.length };
	},
};
