// The small classes and the exported types, used as the original declared them.
import {
	AuthenticationDetails,
	CognitoUserAttribute,
	WordArray,
	appendToCognitoUserAgent,
	type ChallengeName,
	type ClientMetadata,
	type GetSessionOptions,
	type IAuthenticationDetailsData,
	type ICognitoUserAttributeData,
	type IMfaSettings,
	type MFAOption,
	type NodeCallback,
	type UpdateAttributesNodeCallback,
	type UserAgent,
	type UserData,
} from 'amazon-cognito-identity-js';

const detailsData: IAuthenticationDetailsData = {
	Username: 'jane',
	Password: 'Passw0rd!',
	ValidationData: { captcha: 'x', attempts: 1 },
	ClientMetadata: { source: 'app' },
};
const details = new AuthenticationDetails(detailsData);
export const passwordless = new AuthenticationDetails({ Username: 'jane' });
export const username: string = details.getUsername();
export const password: string = details.getPassword();
export const validationData: any[] = details.getValidationData();

const attributeData: ICognitoUserAttributeData = { Name: 'email', Value: 'jane@example.com' };
const attribute = new CognitoUserAttribute(attributeData);
const renamed: CognitoUserAttribute = attribute.setName('name').setValue('Jane');
export const attributeText: string[] = [
	renamed.getName(),
	renamed.getValue(),
	attribute.toString(),
	attribute.Name,
	attribute.Value,
];
export const attributeJson: Object = attribute.toJSON();
export const asData: ICognitoUserAttributeData = attribute;

export const random: string = new WordArray().random(16).toString();
export const fromWords: WordArray = new WordArray([], 0);

appendToCognitoUserAgent('my-app/1.0');
export type Agent = UserAgent;

export const challenge: ChallengeName = 'SOFTWARE_TOKEN_MFA';
export const noMetadata: ClientMetadata = undefined;
export const options: GetSessionOptions = { clientMetadata: { source: 'app' } };
export const sms: IMfaSettings = { PreferredMfa: true, Enabled: true };
export const mfaOption: MFAOption = { DeliveryMedium: 'SMS', AttributeName: 'phone_number' };
export const userData: UserData = {
	MFAOptions: [mfaOption],
	PreferredMfaSetting: 'SMS_MFA',
	UserAttributes: [attributeData],
	UserMFASettingList: ['SMS_MFA'],
	Username: 'jane',
};
export const anyCallback: NodeCallback.Any = (err, result) => console.log(err, result);
export const stringCallback: NodeCallback<Error, string> = (err, result) =>
	console.log(err, result);
export const updateCallback: UpdateAttributesNodeCallback<Error, string, any> = (
	err,
	result,
	details,
) => console.log(err, result, details);
