import type { ICognitoUserAttributeData } from './types';

/** One name/value attribute of a user. */
export default class CognitoUserAttribute implements ICognitoUserAttributeData {
	/** The attribute's name, such as `email`. */
	Name: string;
	/** The attribute's value. */
	Value: string;

	/** @param data - Name and Value, each defaulting to `''`. */
	constructor({ Name, Value }: Partial<ICognitoUserAttributeData> = {}) {
		this.Name = Name || '';
		this.Value = Value || '';
	}

	/** @returns the value. */
	getValue(): string {
		return this.Value;
	}

	/** Sets the value; returns this attribute so calls can be chained. */
	setValue(value: string): this {
		this.Value = value;
		return this;
	}

	/** @returns the name. */
	getName(): string {
		return this.Name;
	}

	/** Sets the name; returns this attribute so calls can be chained. */
	setName(name: string): this {
		this.Name = name;
		return this;
	}

	/** @returns the attribute as JSON. */
	toString(): string {
		return JSON.stringify(this);
	}

	/** The wire form `{Name, Value}`, used when attributes are sent to the service. */
	toJSON(): ICognitoUserAttributeData {
		return { Name: this.Name, Value: this.Value };
	}
}
