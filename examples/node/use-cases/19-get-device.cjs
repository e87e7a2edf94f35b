// Use case 19: information about the current device.
const { check, memoryStorage, signIn, signUpConfirmed } = require('../helpers.cjs');

module.exports = {
	id: '19',
	title: 'Getting the current device',
	async run(AmazonCognitoIdentity, config, log) {
		const { username } = await signUpConfirmed(AmazonCognitoIdentity, config, 'devices', 'uc19');
		const { cognitoUser } = await signIn(AmazonCognitoIdentity, config, 'devices', username, {
			storage: memoryStorage(),
		});

		const result = await new Promise((resolve, reject) => {
			cognitoUser.getDevice({
				onSuccess: function (res) {
					log('call result: ' + JSON.stringify(res));
					resolve(res);
				},
				onFailure: function (err) {
					reject(err);
				},
			});
		});
		check(result.Device.DeviceKey === cognitoUser.deviceKey, 'the device signed in from');
		const attrs = Object.fromEntries(result.Device.DeviceAttributes.map((a) => [a.Name, a.Value]));
		// Node has no navigator, so the library names the device "nodejs".
		check(attrs.device_name === 'nodejs', `the device name (${attrs.device_name})`);
		return { deviceName: attrs.device_name, status: attrs['dev:device_remembered_status'] };
	},
};
