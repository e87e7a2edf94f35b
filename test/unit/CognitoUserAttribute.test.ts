import { describe, expect, it } from 'vitest';
import CognitoUserAttribute from '../../src/CognitoUserAttribute';

describe('CognitoUserAttribute', () => {
	it('holds Name and Value with chaining setters', () => {
		const attr = new CognitoUserAttribute({ Name: 'email', Value: 'a@b.c' });
		expect(attr.getName()).toBe('email');
		expect(attr.getValue()).toBe('a@b.c');
		expect(attr.setName('phone_number')).toBe(attr);
		expect(attr.setValue('+1')).toBe(attr);
		expect([attr.Name, attr.Value]).toEqual(['phone_number', '+1']);
	});

	it('defaults both to empty strings', () => {
		const attr = new CognitoUserAttribute();
		expect([attr.Name, attr.Value]).toEqual(['', '']);
	});

	it('serialises as {Name, Value}', () => {
		const attr = new CognitoUserAttribute({ Name: 'n', Value: 'v' });
		expect(attr.toJSON()).toEqual({ Name: 'n', Value: 'v' });
		expect(attr.toString()).toBe('{"Name":"n","Value":"v"}');
		expect(JSON.stringify([attr])).toBe('[{"Name":"n","Value":"v"}]');
	});
});
