// Use case 31: getUserData, served from the cache unless bypassCache asks the service again.
const { check, memoryStorage, nodeCallback, signIn, signUpConfirmed } = require('../helpers.cjs');

const nickname = (userData) => userData.UserAttributes.find((a) => a.Name === 'nickname').Value;

module.exports = {
	id: '31',
	title: 'Retrieving the user data (cached and bypassCache)',
	async run(AmazonCognitoIdentity, config, log) {
		const { username } = await signUpConfirmed(AmazonCognitoIdentity, config, 'basic', 'uc31', {
			nickname: 'before',
		});
		const storage = memoryStorage();
		const { cognitoUser } = await signIn(AmazonCognitoIdentity, config, 'basic', username, {
			storage,
		});

		const getUserData = (options) =>
			new Promise((resolve, reject) => {
				const callback = function (err, userData) {
					if (err) {
						reject(err);
						return;
					}
					log('User data for user ' + userData.Username);
					resolve(userData);
				};
				if (options) cognitoUser.getUserData(callback, options);
				else cognitoUser.getUserData(callback);
			});
		const first = await getUserData();
		check(first.Username === username, 'the user data of this user');
		check(nickname(first) === 'before', 'the first answer comes from the service');
		check(
			storage.keys().some((k) => k.endsWith(`.${username}.userData`)),
			'it is cached',
		);

		// The attribute changes elsewhere (another device of the same user).
		const other = await signIn(AmazonCognitoIdentity, config, 'basic', username, {
			storage: memoryStorage(),
		});
		const changed = new AmazonCognitoIdentity.CognitoUserAttribute({
			Name: 'nickname',
			Value: 'after',
		});
		await nodeCallback((cb) => other.cognitoUser.updateAttributes([changed], cb));

		const cached = await getUserData();
		check(nickname(cached) === 'before', 'without bypassCache the cached copy is returned');
		const fresh = await getUserData({ bypassCache: true });
		check(nickname(fresh) === 'after', 'bypassCache fetches from the service');
		return { cached: nickname(cached), fresh: nickname(fresh) };
	},
};
