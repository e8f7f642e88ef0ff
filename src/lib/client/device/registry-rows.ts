/**
 * The shapes the device registry stores, checked as they are written to and read back from
 * IndexedDB. Checked by hand rather than with zod: the registry is read by the sign-in and lock
 * screens on a first visit, where zod would be the largest library loaded (about 9 KB gzip) for
 * this alone. `accountInfoSchema` stays the definition of an account; registry-rows.test.ts holds
 * `checkAccountInfo` to its answers.
 */
import type { AccountInfo } from '$lib/domain/accounts';
import { districtCodes, type DistrictCode } from '$lib/domain/reference';
import { roles, type Role } from '$lib/domain/roles';

/** A registry row of a shape this version does not know: the registry is not trusted blindly. */
export class RegistryShapeError extends Error {
	constructor(readonly field: string) {
		super(`device registry: bad ${field}`);
	}
}

export interface PinHashRow {
	algorithm: 'PBKDF2-SHA256';
	iterations: number;
	salt: string;
	hash: string;
}

export type AccountRow = AccountInfo & {
	signedInAt: string;
	/** What she typed to sign in (username or phone), to fill in when she must sign in again. */
	login: string | null;
	pin: PinHashRow | null;
	/** Wrong PINs in a row; reset by a right one. */
	misses: number;
	/** Epoch ms before which no PIN is checked (0: none). Kept here so a reload does not reset it. */
	waitUntil: number;
};

export interface KioskState {
	accountId: string;
	stationId: string;
	startedAt: string;
}

/** The same ids `z.uuid()` accepts: RFC 9562 versions 1–8, and the nil and max ids. */
const UUID =
	/^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/;

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

function field<T>(o: Fields, name: string, ok: (v: unknown) => v is T): T {
	const value = o[name];
	if (!ok(value)) throw new RegistryShapeError(name);
	return value;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isNullableString = (v: unknown): v is string | null => v === null || typeof v === 'string';
const isId = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);
const isNullableId = (v: unknown): v is string | null => v === null || isId(v);
const isRole = (v: unknown): v is Role => (roles as readonly unknown[]).includes(v);
const isNullableDistrict = (v: unknown): v is DistrictCode | null =>
	v === null || (districtCodes as readonly unknown[]).includes(v);
const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** An account as the server described it; only its own fields are kept. */
export function checkAccountInfo(value: unknown): AccountInfo {
	if (!isObject(value)) throw new RegistryShapeError('account');
	return {
		id: field(value, 'id', isId),
		role: field(value, 'role', isRole),
		displayName: field(value, 'displayName', isString),
		username: field(value, 'username', isNullableString),
		district: field(value, 'district', isNullableDistrict),
		stationId: field(value, 'stationId', isNullableId),
		volunteerId: field(value, 'volunteerId', isNullableId)
	};
}

function checkPinHash(value: unknown): PinHashRow | null {
	if (value === null) return null;
	if (!isObject(value) || value.algorithm !== 'PBKDF2-SHA256') throw new RegistryShapeError('pin');
	const iterations = field(value, 'iterations', isCount);
	if (iterations === 0) throw new RegistryShapeError('pin');
	return {
		algorithm: 'PBKDF2-SHA256',
		iterations,
		salt: field(value, 'salt', isString),
		hash: field(value, 'hash', isString)
	};
}

export function checkAccountRow(value: unknown): AccountRow {
	if (!isObject(value)) throw new RegistryShapeError('account');
	const login = value.login === undefined ? null : field(value, 'login', isNullableString);
	return {
		...checkAccountInfo(value),
		signedInAt: field(value, 'signedInAt', isString),
		login,
		pin: checkPinHash(value.pin),
		misses: field(value, 'misses', isCount),
		waitUntil: field(value, 'waitUntil', isFiniteNumber)
	};
}

/** Kiosk mode as stored; anything else reads as "not in kiosk mode". */
export function readKiosk(value: unknown): KioskState | null {
	if (!isObject(value)) return null;
	const { accountId, stationId, startedAt } = value;
	return isString(accountId) && isString(stationId) && isString(startedAt)
		? { accountId, stationId, startedAt }
		: null;
}

/** A whole number of minutes from `min` to `max`, else null. */
export function readMinutes(value: unknown, min: number, max: number): number | null {
	return Number.isInteger(value) && (value as number) >= min && (value as number) <= max
		? (value as number)
		: null;
}

/** The two text sizes: large is 长辈模式 (MIIT's elderly-friendly figures), for older eyes. */
export const textSizes = ['normal', 'large'] as const;
export type TextSize = (typeof textSizes)[number];

/** A stored text size; anything else reads as "not chosen". */
export function readTextSize(value: unknown): TextSize | null {
	return textSizes.find((size) => size === value) ?? null;
}

export function readIdList(value: unknown): string[] {
	return Array.isArray(value) && value.every(isString) ? value : [];
}
