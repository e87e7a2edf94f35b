// Use case 18: listing remembered devices, one page at a time.
const {
	check,
	memoryStorage,
	nodeCallback,
	settle,
	signIn,
	signUpConfirmed,
} = require('../helpers.cjs');

module.exports = {
	id: '18',
	title: 'Listing remembered devices (with pagination)',
	async run(AmazonCognitoIdentity, config, log) {
		const { username } = await signUpConfirmed(AmazonCognitoIdentity, config, 'devices', 'uc18');
		// Two devices: each has its own storage, so each sign-in confirms a new device.
		const laptop = await signIn(AmazonCognitoIdentity, config, 'devices', username, {
			storage: memoryStorage(),
		});
		const phone = await signIn(AmazonCognitoIdentity, config, 'devices', username, {
			storage: memoryStorage(),
		});
		check(laptop.cognitoUser.deviceKey !== phone.cognitoUser.deviceKey, 'two different devices');
		const cognitoUser = phone.cognitoUser;
		for (const c of [laptop.cognitoUser, phone.cognitoUser]) {
			await settle((resolve, reject) =>
				c.setDeviceStatusRemembered({ onSuccess: resolve, onFailure: reject }),
			);
		}

		const limit = 1;
		const list = (paginationToken) =>
			new Promise((resolve, reject) => {
				cognitoUser.listDevices(limit, paginationToken, {
					onSuccess: function (result) {
						log('call result: ' + JSON.stringify(result.Devices.map((d) => d.DeviceKey)));
						resolve(result);
					},
					onFailure: function (err) {
						reject(err);
					},
				});
			});
		const first = await list(null);
		check(first.Devices.length === 1, 'one device on the first page');
		check(typeof first.PaginationToken === 'string', 'a token for the next page');
		const second = await list(first.PaginationToken);
		check(second.Devices.length === 1, 'one device on the second page');
		check(second.PaginationToken === undefined, 'no further page');
		const keys = [first.Devices[0].DeviceKey, second.Devices[0].DeviceKey].sort();
		const expected = [laptop.cognitoUser.deviceKey, phone.cognitoUser.deviceKey].sort();
		check(keys.join() === expected.join(), 'the two pages hold both devices');
		const all = await nodeCallback((cb) =>
			cognitoUser.listDevices(60, null, {
				onSuccess: (r) => cb(null, r),
				onFailure: cb,
			}),
		);
		check(all.Devices.length === 2, 'a larger limit gets both at once');
		return { pages: 2, devices: keys.length };
	},
};
