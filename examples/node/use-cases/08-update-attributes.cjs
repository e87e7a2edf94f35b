// Use case 8: updating an attribute.
const { check, nodeCallback, signIn, signUpConfirmed } = require('../helpers.cjs');

module.exports = {
	id: '8',
	title: 'Updating user attributes',
	async run(AmazonCognitoIdentity, config, log) {
		const { username } = await signUpConfirmed(AmazonCognitoIdentity, config, 'basic', 'uc08');
		const { cognitoUser } = await signIn(AmazonCognitoIdentity, config, 'basic', username);

		const attributeList = [];
		const attribute = new AmazonCognitoIdentity.CognitoUserAttribute({
			Name: 'nickname',
			Value: 'joe',
		});
		attributeList.push(attribute);
		const result = await new Promise((resolve, reject) => {
			cognitoUser.updateAttributes(attributeList, function (err, res) {
				if (err) {
					reject(err);
					return;
				}
				log('call result: ' + res);
				resolve(res);
			});
		});
		check(result === 'SUCCESS', 'updateAttributes answers SUCCESS');
		const attrs = await nodeCallback((cb) => cognitoUser.getUserAttributes(cb));
		const nickname = attrs.find((a) => a.getName() === 'nickname');
		check(nickname && nickname.getValue() === 'joe', 'the nickname is joe');
		return { result, nickname: nickname.getValue() };
	},
};
