// The user pool: construction, sign-up and the current user, as apps wrote them.
import {
	CognitoUser,
	CognitoUserAttribute,
	CognitoUserPool,
	type ClientMetadata,
	type CodeDeliveryDetails,
	type ICognitoStorage,
	type ICognitoUserPoolData,
	type ISignUpResult,
	type NodeCallback,
} from 'amazon-cognito-identity-js';

declare const storage: ICognitoStorage;

const poolData: ICognitoUserPoolData = {
	UserPoolId: 'us-east-1_example',
	ClientId: 'client',
	endpoint: 'http://localhost:9229/',
	Storage: storage,
	AdvancedSecurityDataCollectionFlag: false,
};
export const userPool = new CognitoUserPool(poolData);

// Amplify's way: every refresh callback goes through the wrapper.
const wrap =
	(target: NodeCallback.Any): NodeCallback.Any =>
	(err, result) =>
		target(err, result);
export const wrappedPool = new CognitoUserPool({ UserPoolId: 'us-east-1_x', ClientId: 'c' }, wrap);

export const ids: string[] = [
	userPool.getUserPoolId(),
	userPool.getUserPoolName(),
	userPool.getClientId(),
];

const attributeList: CognitoUserAttribute[] = [];
attributeList.push(new CognitoUserAttribute({ Name: 'email', Value: 'jane@example.com' }));
const metadata: ClientMetadata = { source: 'app' };

// README style: (err, result) inferred from the declaration.
userPool.signUp('jane', 'Passw0rd!', attributeList, [], (err, result) => {
	if (err) {
		console.log(err.message || JSON.stringify(err));
		return;
	}
	const cognitoUser = result!.user;
	const confirmed: boolean = result!.userConfirmed;
	const sub: string = result!.userSub;
	const delivery: CodeDeliveryDetails = result!.codeDeliveryDetails;
	console.log(cognitoUser.getUsername(), confirmed, sub, delivery.Destination);
});

// Annotated as the original's NodeCallback<Error, ISignUpResult> declares it.
const onSignUp: NodeCallback<Error, ISignUpResult> = (err?: Error, result?: ISignUpResult) => {
	if (result) console.log(result.user.getUsername(), err);
};
userPool.signUp('joe', 'Passw0rd!', attributeList, attributeList, onSignUp, metadata);

// Annotated with the types an app knows.
userPool.signUp(
	'ann',
	'Passw0rd!',
	[],
	[],
	(err: Error | undefined, data: ISignUpResult | undefined) => console.log(err, data?.userSub),
);

export const current: CognitoUser | null = userPool.getCurrentUser();
export function currentUsername(): string {
	const user = userPool.getCurrentUser();
	return user ? user.getUsername() : '';
}
