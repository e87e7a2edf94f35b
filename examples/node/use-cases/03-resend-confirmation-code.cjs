// Use case 3: resending the confirmation code, then confirming with the new one.
const {
	check,
	newUsername,
	nodeCallback,
	poolData,
	readCode,
	readMessages,
} = require('../helpers.cjs');

module.exports = {
	id: '3',
	title: 'Resending a confirmation code',
	async run(AmazonCognitoIdentity, config, log) {
		const userPool = new AmazonCognitoIdentity.CognitoUserPool(poolData(config));
		const username = newUsername(config, 'uc03');
		const email = new AmazonCognitoIdentity.CognitoUserAttribute({
			Name: 'email',
			Value: `${username}@example.com`,
		});
		const { user: cognitoUser } = await nodeCallback((cb) =>
			userPool.signUp(username, config.password, [email], null, cb),
		);

		const result = await new Promise((resolve, reject) => {
			cognitoUser.resendConfirmationCode(function (err, res) {
				if (err) {
					reject(err);
					return;
				}
				log('call result: ' + JSON.stringify(res));
				resolve(res);
			});
		});
		check(
			result.CodeDeliveryDetails && result.CodeDeliveryDetails.AttributeName === 'email',
			'the result says where the new code went',
		);
		const sent = await readMessages(config, 'basic', username, 'confirmation');
		check(sent.length === 2, `two confirmation codes were sent (got ${sent.length})`);
		const code = await readCode(config, 'basic', username, 'confirmation');
		const confirmed = await nodeCallback((cb) => cognitoUser.confirmRegistration(code, true, cb));
		check(confirmed === 'SUCCESS', 'the resent code confirms the user');
		return { delivery: result.CodeDeliveryDetails, codesSent: sent.length, confirmed };
	},
};
