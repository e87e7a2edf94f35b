import { invalidParameter } from './errors';
import type { ClientConfig } from './state';

export type Json = Record<string, unknown>;

// The service reports shape violations in Coral's wording, with the member in lowerCamelCase.
const member = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);

const nullError = (name: string) =>
	invalidParameter(
		`1 validation error detected: Value null at '${member(name)}' failed to satisfy constraint: Member must not be null`,
	);

const typeError = (name: string, kind: string) =>
	invalidParameter(`Invalid type for '${member(name)}': expected ${kind}`);

export function isObject(v: unknown): v is Json {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function optString(body: Json, name: string): string | undefined {
	const v = body[name];
	if (v === undefined || v === null) return undefined;
	if (typeof v !== 'string') throw typeError(name, 'string');
	return v;
}

export function reqString(body: Json, name: string): string {
	const v = optString(body, name);
	if (v === undefined) throw nullError(name);
	if (v.length === 0) {
		throw invalidParameter(
			`1 validation error detected: Value '' at '${member(name)}' failed to satisfy constraint: Member must have length greater than or equal to 1`,
		);
	}
	return v;
}

export function optBool(body: Json, name: string): boolean | undefined {
	const v = body[name];
	if (v === undefined || v === null) return undefined;
	if (typeof v !== 'boolean') throw typeError(name, 'boolean');
	return v;
}

export function optNumber(body: Json, name: string): number | undefined {
	const v = body[name];
	if (v === undefined || v === null) return undefined;
	if (typeof v !== 'number' || !Number.isFinite(v)) throw typeError(name, 'number');
	return v;
}

export function optObject(body: Json, name: string): Json | undefined {
	const v = body[name];
	if (v === undefined || v === null) return undefined;
	if (!isObject(v)) throw typeError(name, 'object');
	return v;
}

export function reqObject(body: Json, name: string): Json {
	const v = optObject(body, name);
	if (v === undefined) throw nullError(name);
	return v;
}

/** A string-to-string map such as AuthParameters or ClientMetadata. */
export function optStringMap(body: Json, name: string): Record<string, string> | undefined {
	const v = optObject(body, name);
	if (v === undefined) return undefined;
	const out: Record<string, string> = {};
	for (const [k, val] of Object.entries(v)) {
		// The client sends "DEVICE_KEY": null after a forgotten device; treat null as absent.
		if (val === null || val === undefined) continue;
		if (typeof val !== 'string') throw typeError(`${name}.${k}`, 'string');
		out[k] = val;
	}
	return out;
}

export function optStringArray(body: Json, name: string): string[] | undefined {
	const v = body[name];
	if (v === undefined || v === null) return undefined;
	if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) {
		throw typeError(name, 'list of strings');
	}
	// A copy: what is stored is never the request's own array.
	return [...(v as string[])];
}

export interface AttributeType {
	Name: string;
	Value: string;
}

export function optAttributes(body: Json, name: string): AttributeType[] | undefined {
	const v = body[name];
	if (v === undefined || v === null) return undefined;
	if (!Array.isArray(v)) throw typeError(name, 'list');
	return v.map((item: unknown) => {
		if (!isObject(item) || typeof item.Name !== 'string')
			throw typeError(`${name}.member.name`, 'string');
		const value = item.Value === undefined || item.Value === null ? '' : item.Value;
		if (typeof value !== 'string') throw typeError(`${name}.member.value`, 'string');
		return { Name: item.Name, Value: value };
	});
}

export function reqParam(params: Record<string, string>, name: string): string {
	const v = params[name];
	if (v === undefined || v === '') throw invalidParameter(`Missing required parameter ${name}`);
	return v;
}

/**
 * TokenValidityUnits rebuilt from its three members (their values were checked against the
 * enum before the action ran); anything else in the request's object is not kept.
 */
export function optTokenValidityUnits(body: Json): ClientConfig['TokenValidityUnits'] {
	const given = optObject(body, 'TokenValidityUnits');
	if (!given) return undefined;
	const units: NonNullable<ClientConfig['TokenValidityUnits']> = {};
	for (const key of ['AccessToken', 'IdToken', 'RefreshToken'] as const) {
		const unit = optString(given, key);
		if (unit !== undefined) units[key] = unit;
	}
	return units;
}
