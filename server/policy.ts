import { err } from './errors';
import type { PasswordPolicy } from './state';

// The service's notion of a symbol: these ASCII characters and the space.
const SYMBOL = /[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+\- ]/;

/** Throws InvalidPasswordException with the service's wording for the first rule broken. */
export function checkPasswordPolicy(policy: PasswordPolicy, password: string): void {
	const fail = (why: string) =>
		err('InvalidPasswordException', `Password did not conform with policy: ${why}`);
	if ([...password].length < policy.MinimumLength) throw fail('Password not long enough');
	if (policy.RequireUppercase && !/[A-Z]/.test(password))
		throw fail('Password must have uppercase characters');
	if (policy.RequireLowercase && !/[a-z]/.test(password))
		throw fail('Password must have lowercase characters');
	if (policy.RequireNumbers && !/[0-9]/.test(password))
		throw fail('Password must have numeric characters');
	if (policy.RequireSymbols && !SYMBOL.test(password))
		throw fail('Password must have symbol characters');
}
