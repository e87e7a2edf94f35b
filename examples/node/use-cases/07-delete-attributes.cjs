// Use case 7: deleting an attribute.
const { check, nodeCallback, signIn, signUpConfirmed } = require('../helpers.cjs');

module.exports = {
	id: '7',
	title: 'Deleting a user attribute',
	async run(AmazonCognitoIdentity, config, log) {
		const { username } = await signUpConfirmed(AmazonCognitoIdentity, config, 'basic', 'uc07', {
			nickname: 'joe',
		});
		const { cognitoUser } = await signIn(AmazonCognitoIdentity, config, 'basic', username);

		const attributeList = [];
		attributeList.push('nickname');
		const result = await new Promise((resolve, reject) => {
			cognitoUser.deleteAttributes(attributeList, function (err, res) {
				if (err) {
					reject(err);
					return;
				}
				log('call result: ' + res);
				resolve(res);
			});
		});
		check(result === 'SUCCESS', 'deleteAttributes answers SUCCESS');
		const attrs = await nodeCallback((cb) => cognitoUser.getUserAttributes(cb));
		check(!attrs.some((a) => a.getName() === 'nickname'), 'the nickname is gone');
		return { result, remaining: attrs.map((a) => a.getName()).sort() };
	},
};
