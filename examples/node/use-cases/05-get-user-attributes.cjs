// Use case 5: reading the signed-in user's attributes.
const { check, signIn, signUpConfirmed } = require('../helpers.cjs');

module.exports = {
	id: '5',
	title: 'Retrieving user attributes',
	async run(AmazonCognitoIdentity, config, log) {
		const { username } = await signUpConfirmed(AmazonCognitoIdentity, config, 'basic', 'uc05', {
			nickname: 'ada',
		});
		const { cognitoUser } = await signIn(AmazonCognitoIdentity, config, 'basic', username);

		const result = await new Promise((resolve, reject) => {
			cognitoUser.getUserAttributes(function (err, res) {
				if (err) {
					reject(err);
					return;
				}
				for (let i = 0; i < res.length; i++) {
					log('attribute ' + res[i].getName() + ' has value ' + res[i].getValue());
				}
				resolve(res);
			});
		});
		const byName = Object.fromEntries(result.map((a) => [a.getName(), a.getValue()]));
		check(
			result.every((a) => a instanceof AmazonCognitoIdentity.CognitoUserAttribute),
			'CognitoUserAttribute objects',
		);
		check(byName.email === `${username}@example.com`, 'the e-mail attribute');
		check(byName.email_verified === 'true', 'the confirmed e-mail is verified');
		check(byName.nickname === 'ada', 'the nickname given at sign-up');
		check(typeof byName.sub === 'string' && byName.sub.length > 0, 'the sub');
		return { names: Object.keys(byName).sort() };
	},
};
