// Use case 21: marking a device as not remembered.
const { check, memoryStorage, settle, signIn, signUpConfirmed } = require('../helpers.cjs');

module.exports = {
	id: '21',
	title: 'Not remembering a device',
	async run(AmazonCognitoIdentity, config, log) {
		const { username } = await signUpConfirmed(AmazonCognitoIdentity, config, 'devices', 'uc21');
		const { cognitoUser } = await signIn(AmazonCognitoIdentity, config, 'devices', username, {
			storage: memoryStorage(),
		});
		await settle((resolve, reject) =>
			cognitoUser.setDeviceStatusRemembered({ onSuccess: resolve, onFailure: reject }),
		);

		const result = await new Promise((resolve, reject) => {
			cognitoUser.setDeviceStatusNotRemembered({
				onSuccess: function (res) {
					log('call result: ' + res);
					resolve(res);
				},
				onFailure: function (err) {
					reject(err);
				},
			});
		});
		check(result === 'SUCCESS', 'setDeviceStatusNotRemembered answers SUCCESS');
		const { Device } = await settle((resolve, reject) =>
			cognitoUser.getDevice({ onSuccess: resolve, onFailure: reject }),
		);
		const status = Device.DeviceAttributes.find(
			(a) => a.Name === 'dev:device_remembered_status',
		).Value;
		check(status === 'not_remembered', `the device is not remembered (${status})`);
		return { result, status };
	},
};
