// Use case 6: verifying an attribute. The user changes their e-mail, which makes it unverified,
// asks for a code and enters it from inputVerificationCode.
const { check, nodeCallback, readCode, signIn, signUpConfirmed } = require('../helpers.cjs');

module.exports = {
	id: '6',
	title: 'Verifying a user attribute',
	async run(AmazonCognitoIdentity, config, log) {
		const { username } = await signUpConfirmed(AmazonCognitoIdentity, config, 'basic', 'uc06');
		const { cognitoUser } = await signIn(AmazonCognitoIdentity, config, 'basic', username);
		const newEmail = new AmazonCognitoIdentity.CognitoUserAttribute({
			Name: 'email',
			Value: `${username}.new@example.com`,
		});
		await nodeCallback((cb) => cognitoUser.updateAttributes([newEmail], cb));
		const before = await nodeCallback((cb) => cognitoUser.getUserAttributes(cb));
		const verifiedBefore = before.find((a) => a.getName() === 'email_verified').getValue();
		check(verifiedBefore === 'false', 'the changed e-mail is unverified');

		let asked = 0;
		const result = await new Promise((resolve, reject) => {
			cognitoUser.getAttributeVerificationCode('email', {
				onSuccess: function (res) {
					log('call result: ' + res);
					resolve(res);
				},
				onFailure: function (err) {
					reject(err);
				},
				inputVerificationCode: function () {
					asked++;
					// In an app, the user types the code; here it comes from the local outbox.
					readCode(config, 'basic', username, 'attribute-verification').then(
						(verificationCode) => cognitoUser.verifyAttribute('email', verificationCode, this),
						reject,
					);
				},
			});
		});
		check(result === 'SUCCESS', 'verifyAttribute answers SUCCESS');
		check(asked === 1, 'inputVerificationCode was called once');
		const after = await nodeCallback((cb) => cognitoUser.getUserAttributes(cb));
		const verifiedAfter = after.find((a) => a.getName() === 'email_verified').getValue();
		check(verifiedAfter === 'true', 'the e-mail is verified now');
		return { before: verifiedBefore, after: verifiedAfter };
	},
};
