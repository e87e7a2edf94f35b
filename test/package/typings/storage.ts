// Storage: an app's own ICognitoStorage, and cookies.
import {
	CognitoUserPool,
	CookieStorage,
	type ICognitoStorage,
	type ICookieStorageData,
} from 'amazon-cognito-identity-js';

export class MapStorage implements ICognitoStorage {
	private readonly map = new Map<string, string>();
	setItem(key: string, value: string): void {
		this.map.set(key, value);
	}
	getItem(key: string): string | null {
		return this.map.get(key) ?? null;
	}
	removeItem(key: string): void {
		this.map.delete(key);
	}
	clear(): void {
		this.map.clear();
	}
}

const objectStorage: ICognitoStorage = {
	setItem: (key: string, value: string) => console.log(key, value),
	getItem: (key: string) => (key ? null : ''),
	removeItem: (key: string) => console.log(key),
	clear: () => undefined,
};

const cookieData: ICookieStorageData = {
	domain: 'example.com',
	path: '/',
	expires: 7,
	secure: true,
	sameSite: 'lax',
};
export const cookies = new CookieStorage(cookieData);
export const defaultCookies = new CookieStorage();
export const stores: ICognitoStorage[] = [new MapStorage(), objectStorage, cookies];

cookies.setItem('key', 'value');
export const cookieValue: string = cookies.getItem('key');
cookies.removeItem('key');
cookies.clear();

export const pools = stores.map(
	(Storage) => new CognitoUserPool({ UserPoolId: 'us-east-1_x', ClientId: 'c', Storage }),
);
