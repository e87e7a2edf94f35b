// Use case 1: registering a user with an attribute list (e-mail and phone number).
const { check, newUsername, poolData } = require('../helpers.cjs');

module.exports = {
	id: '1',
	title: 'Registering a user with the application',
	async run(AmazonCognitoIdentity, config, log) {
		const userPool = new AmazonCognitoIdentity.CognitoUserPool(poolData(config));
		const username = newUsername(config, 'uc01');

		const attributeList = [];
		const dataEmail = { Name: 'email', Value: `${username}@example.com` };
		const dataPhoneNumber = { Name: 'phone_number', Value: '+15555555555' };
		attributeList.push(new AmazonCognitoIdentity.CognitoUserAttribute(dataEmail));
		attributeList.push(new AmazonCognitoIdentity.CognitoUserAttribute(dataPhoneNumber));

		const result = await new Promise((resolve, reject) => {
			userPool.signUp(username, config.password, attributeList, null, function (err, res) {
				if (err) {
					reject(err);
					return;
				}
				log('user name is ' + res.user.getUsername());
				resolve(res);
			});
		});
		check(result.user instanceof AmazonCognitoIdentity.CognitoUser, 'result.user is a CognitoUser');
		check(result.user.getUsername() === username, 'the new user has the chosen username');
		check(result.userConfirmed === false, 'a signed-up user still needs confirming');
		check(typeof result.userSub === 'string' && result.userSub.length > 0, 'userSub is set');
		check(
			result.codeDeliveryDetails && result.codeDeliveryDetails.DeliveryMedium === 'EMAIL',
			'the confirmation code went out by e-mail',
		);
		return {
			username: result.user.getUsername(),
			userConfirmed: result.userConfirmed,
			delivery: result.codeDeliveryDetails.DeliveryMedium,
		};
	},
};
