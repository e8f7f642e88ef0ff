/**
 * fast-check arbitraries for sync payloads, written from the shapes of our zod schemas (the
 * mutation args in $lib/domain/mutations, the envelopes in $lib/domain/sync): first a valid value,
 * then one field turned hostile (wrong type, too long, huge or negative numbers, unknown enum
 * values, prototype keys such as __proto__, deep nesting, odd unicode, missing or extra keys).
 *
 * Every hostile value here is meant to be refused by its schema; the fuzz tests check that too,
 * so this table cannot drift from the schemas unnoticed. Relative imports keep this file usable
 * from the Playwright specs.
 */
import fc from 'fast-check';
import { mutations, type MutationName } from '../domain/mutations';
import { MAX_ASKS } from '../domain/mutations/callouts';
import {
	calloutUrgencies,
	carePairingKinds,
	categories,
	districtCodes,
	emergencyRoles,
	languages,
	organizationTypes,
	stationLevels,
	stationStatuses,
	weekSlots
} from '../domain/reference';
import {
	calloutReaches,
	genders,
	hoursRoundingModes,
	hoursRoundingUnits,
	MAX_ACTIVITY_PHOTOS,
	MAX_CALLOUT_ROLES,
	MAX_CALLOUT_STATIONS,
	MAX_CO_ORGANIZERS,
	MAX_PHOTO_CHARS,
	MAX_STANDBY_PERIODS,
	MAX_TEAM_MEMBERS,
	MAX_VISIT_MINUTES,
	registrationSources
} from '../domain/schemas';
import { MAX_PULL_LIMIT, MAX_PUSH_MUTATIONS, SCHEMA_VERSION } from '../domain/sync';

/** The shape of one field, as its zod schema says. */
export type Field =
	| { t: 'uuid' }
	| { t: 'instant' }
	| { t: 'text'; max: number; required: boolean }
	| { t: 'string'; max: number }
	| { t: 'enum'; values: readonly string[] }
	| { t: 'bool' }
	| { t: 'int'; min: number; max: number }
	| { t: 'nullable'; of: Field }
	| { t: 'enumArray'; values: readonly string[]; max: number }
	| { t: 'phone' }
	| { t: 'photo' }
	| { t: 'date' }
	| { t: 'numbers'; values: readonly number[] }
	/** `loose`: a plain (not strict) object, whose schema drops a key it does not know. */
	| { t: 'object'; fields: Shape; loose?: boolean }
	| { t: 'array'; of: Field; min: number; max: number }
	/** A key that may be left out (added to a mutation later: older devices do not send it). */
	| { t: 'optional'; of: Field }
	| { t: 'partial'; fields: Shape };
export type Shape = Record<string, Field>;

const uuid: Field = { t: 'uuid' };
const instant: Field = { t: 'instant' };
const text = (max: number): Field => ({ t: 'text', max, required: true });
const optionalText = (max: number): Field => ({ t: 'text', max, required: false });
const oneOf = (values: readonly string[]): Field => ({ t: 'enum', values });
const bool: Field = { t: 'bool' };
const skills: Field = { t: 'enumArray', values: categories, max: categories.length };
const optional = (of: Field): Field => ({ t: 'optional', of });
const nullable = (of: Field): Field => ({ t: 'nullable', of });
const date: Field = { t: 'date' };
const photo: Field = { t: 'photo' };
const list = (of: Field, min: number, max: number): Field => ({ t: 'array', of, min, max });
const idAndTime: Shape = { id: uuid, at: instant };

const guardian: Field = {
	t: 'object',
	fields: { name: text(40), phone: { t: 'phone' }, consent: bool }
};
const memberFields: Shape = {
	name: text(40),
	phone: { t: 'phone' },
	gender: { t: 'nullable', of: oneOf(genders) },
	birthYear: { t: 'nullable', of: { t: 'int', min: 1900, max: 2030 } },
	birthDate: optional(nullable(date)),
	district: oneOf(districtCodes),
	community: text(40),
	skills,
	languages: { t: 'enumArray', values: languages, max: Infinity },
	availability: optionalText(200),
	emergencyResponder: bool
};
const projectFields: Shape = {
	title: text(80),
	description: optionalText(2000),
	category: oneOf(categories),
	place: text(120),
	requiredSkills: skills,
	urgent: bool,
	minAge: optional(nullable({ t: 'int', min: 0, max: 99 })),
	teamId: optional(nullable(uuid)),
	coOrganizerIds: optional(list(uuid, 0, MAX_CO_ORGANIZERS))
};
const teamFields: Shape = {
	name: text(40),
	leaderId: nullable(uuid),
	memberIds: list(uuid, 0, MAX_TEAM_MEMBERS),
	focus: skills
};
const helpedFields: Shape = {
	alias: text(40),
	community: optionalText(40),
	minor: bool,
	guardianName: optionalText(40),
	guardianPhone: optionalText(32),
	note: optionalText(200)
};
const organizationFields: Shape = {
	name: text(80),
	type: oneOf(organizationTypes),
	contactName: optionalText(40),
	contactPhone: optionalText(32),
	offers: optionalText(500)
};
const stationDetails: Shape = {
	address: text(120),
	contactName: optionalText(40),
	contactPhone: optionalText(32),
	openingHours: optionalText(80),
	services: skills
};
const shiftTimes: Shape = {
	start: instant,
	end: instant,
	capacity: { t: 'int', min: 1, max: 10_000 }
};

const readiness: Field = {
	t: 'object',
	fields: {
		weekly: { t: 'enumArray', values: weekSlots, max: weekSlots.length },
		standby: list({ t: 'object', fields: { from: instant, to: instant } }, 0, MAX_STANDBY_PERIODS),
		roles: { t: 'enumArray', values: emergencyRoles, max: emergencyRoles.length },
		firstAidExpiresOn: nullable(date)
	}
};
const calloutRole: Field = {
	t: 'object',
	fields: { role: oneOf(emergencyRoles), headcount: { t: 'int', min: 1, max: 1000 } },
	loose: true
};
const ask: Field = {
	t: 'object',
	fields: {
		responseId: uuid,
		volunteerId: uuid,
		role: oneOf(emergencyRoles),
		reasons: list({ t: 'string', max: 40 }, 0, 12),
		shown: optional({
			t: 'object',
			fields: { name: text(40), phone: { t: 'string', max: 11 }, stationId: nullable(uuid) }
		})
	}
};

/** Every mutation's args, field by field. */
export const argShapes: Record<MutationName, Shape> = {
	'volunteer.register': {
		id: uuid,
		...memberFields,
		guardian: optional(nullable(guardian)),
		consent: bool,
		consentVersion: { t: 'string', max: 20 },
		homeStationId: { t: 'nullable', of: uuid },
		source: oneOf(registrationSources),
		at: instant
	},
	'volunteer.update': {
		id: uuid,
		changes: { t: 'partial', fields: { ...memberFields, guardian: nullable(guardian) } },
		at: instant
	},
	'volunteer.setStatus': { id: uuid, status: oneOf(['active', 'inactive']), at: instant },
	'project.create': { id: uuid, stationId: uuid, ...projectFields, at: instant },
	'project.update': { id: uuid, changes: { t: 'partial', fields: projectFields }, at: instant },
	'project.publish': { id: uuid, at: instant },
	'project.close': { id: uuid, at: instant },
	'shift.add': { id: uuid, projectId: uuid, ...shiftTimes, at: instant },
	'shift.update': { id: uuid, changes: { t: 'partial', fields: shiftTimes }, at: instant },
	'signup.request': { id: uuid, shiftId: uuid, volunteerId: uuid, at: instant },
	'signup.cancel': { id: uuid, at: instant },
	'attendance.checkIn': {
		id: uuid,
		shiftId: uuid,
		volunteerId: uuid,
		overCapacity: bool,
		at: instant
	},
	'attendance.checkOut': { id: uuid, shiftId: uuid, volunteerId: uuid, at: instant },
	'attendance.walkIn': {
		id: uuid,
		signupId: uuid,
		shiftId: uuid,
		volunteerId: uuid,
		overCapacity: bool,
		shown: {
			t: 'optional',
			of: { t: 'object', fields: { name: text(40), phone: { t: 'string', max: 11 } } }
		},
		at: instant
	},
	'attendance.correct': {
		id: uuid,
		shiftId: uuid,
		volunteerId: uuid,
		reason: text(200),
		afterVerification: bool,
		checkInAt: { t: 'nullable', of: instant },
		checkOutAt: { t: 'nullable', of: instant },
		at: instant
	},
	'attendance.backfill': {
		id: uuid,
		signupId: uuid,
		shiftId: uuid,
		volunteerId: uuid,
		reason: text(200),
		afterVerification: bool,
		checkInAt: instant,
		checkOutAt: instant,
		at: instant
	},
	'attendance.verify': { shiftId: uuid, at: instant },
	'district.setHoursRule': {
		district: oneOf(districtCodes),
		unitMinutes: { t: 'numbers', values: hoursRoundingUnits },
		mode: oneOf(hoursRoundingModes),
		at: instant
	},
	'station.create': {
		id: uuid,
		name: text(80),
		district: oneOf(districtCodes),
		community: text(40),
		street: optional(optionalText(40)),
		level: oneOf(stationLevels),
		levelAwardedOn: optional(nullable(date)),
		...stationDetails,
		at: instant
	},
	'station.update': {
		id: uuid,
		changes: {
			t: 'partial',
			fields: {
				name: text(80),
				community: text(40),
				street: optionalText(40),
				level: oneOf(stationLevels),
				levelAwardedOn: nullable(date),
				...stationDetails
			}
		},
		at: instant
	},
	'station.setStatus': { id: uuid, status: oneOf(stationStatuses), at: instant },
	'volunteer.consent': { id: uuid, consentVersion: { t: 'string', max: 20 }, at: instant },
	'volunteer.withdrawConsent': idAndTime,
	'volunteer.requestErasure': idAndTime,
	'volunteer.erase': idAndTime,
	'transfer.request': {
		id: uuid,
		volunteerId: uuid,
		toStationId: uuid,
		requestedBy: oneOf(['member', 'station']),
		note: optionalText(200),
		at: instant
	},
	'transfer.accept': idAndTime,
	'transfer.decline': idAndTime,
	'transfer.cancel': idAndTime,
	'volunteer.setReadiness': { id: uuid, emergencyResponder: bool, readiness, at: instant },
	'callout.create': {
		id: uuid,
		projectId: uuid,
		shiftId: uuid,
		title: text(80),
		description: optionalText(1000),
		place: text(120),
		community: optionalText(40),
		start: instant,
		end: instant,
		urgency: oneOf(calloutUrgencies),
		roles: list(calloutRole, 1, MAX_CALLOUT_ROLES),
		stationId: uuid,
		reach: oneOf(calloutReaches),
		reachStationIds: list(uuid, 0, MAX_CALLOUT_STATIONS),
		at: instant
	},
	'callout.ask': { calloutId: uuid, asks: list(ask, 1, MAX_ASKS), at: instant },
	'callout.respond': {
		calloutId: uuid,
		volunteerId: uuid,
		answer: oneOf(['accepted', 'declined', 'no_answer']),
		role: optional(nullable(oneOf(emergencyRoles))),
		answeredBy: oneOf(['member', 'staff']),
		at: instant
	},
	'callout.revealPhone': { calloutId: uuid, volunteerId: uuid, at: instant },
	'callout.close': {
		id: uuid,
		outcome: oneOf(['closed', 'stood_down']),
		note: optionalText(200),
		at: instant
	},
	'team.create': { id: uuid, stationId: uuid, ...teamFields, at: instant },
	'team.update': {
		id: uuid,
		changes: {
			t: 'partial',
			fields: { ...teamFields, status: oneOf(['active', 'disbanded']) }
		},
		at: instant
	},
	'organization.create': {
		id: uuid,
		district: oneOf(districtCodes),
		...organizationFields,
		at: instant
	},
	'organization.update': {
		id: uuid,
		changes: {
			t: 'partial',
			fields: { ...organizationFields, status: oneOf(['active', 'inactive']) }
		},
		at: instant
	},
	'pairing.create': {
		id: uuid,
		organizationId: uuid,
		stationId: uuid,
		teamId: nullable(uuid),
		focus: skills,
		startOn: date,
		endOn: nullable(date),
		at: instant
	},
	'pairing.end': { id: uuid, endOn: date, reason: text(200), at: instant },
	'helped.register': { id: uuid, stationId: uuid, ...helpedFields, consent: bool, at: instant },
	'helped.update': { id: uuid, changes: { t: 'partial', fields: helpedFields }, at: instant },
	'helped.erase': { id: uuid, at: instant },
	'care.pair': {
		id: uuid,
		helpedId: uuid,
		volunteerId: uuid,
		kind: oneOf(carePairingKinds),
		startOn: date,
		at: instant
	},
	'care.end': { id: uuid, endOn: date, reason: text(200), at: instant },
	'care.logVisit': {
		id: uuid,
		carePairingId: uuid,
		on: date,
		minutes: { t: 'int', min: 1, max: MAX_VISIT_MINUTES },
		note: optionalText(200),
		at: instant
	},
	'care.verifyVisit': { id: uuid, at: instant },
	'pairing.logActivity': {
		id: uuid,
		pairingId: uuid,
		on: date,
		what: text(500),
		who: optionalText(200),
		photos: list(photo, 0, MAX_ACTIVITY_PHOTOS),
		at: instant
	}
};

export const mutationNames = Object.keys(mutations) as MutationName[];

// ---------------------------------------------------------------- valid values

/** The smallest valid JPEG (one white pixel), as a data URL. */
export const TINY_JPEG =
	'data:image/jpeg;base64,/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=';

const someText = (max: number) =>
	fc.string({ maxLength: Math.min(max - 1, 24) }).map((s) => `志${s}`);

export function validValue(field: Field): fc.Arbitrary<unknown> {
	switch (field.t) {
		case 'uuid':
			return fc.uuid({ version: 4 });
		case 'instant':
			return fc
				.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
				.map((d) => d.toISOString());
		case 'text':
			return field.required ? someText(field.max) : fc.string({ maxLength: 24 });
		case 'string':
			return fc.string({ maxLength: field.max });
		case 'enum':
			return fc.constantFrom(...field.values);
		case 'bool':
			return fc.boolean();
		case 'int':
			return fc.integer({ min: field.min, max: field.max });
		case 'nullable':
			return fc.option(validValue(field.of), { nil: null });
		case 'enumArray':
			return fc.uniqueArray(fc.constantFrom(...field.values), {
				maxLength: Math.min(field.max, 3)
			});
		case 'phone':
			return fc.constantFrom(
				'13800138000',
				'+86 139 1234 5678',
				'150-0000-1111',
				'0086 18612345678'
			);
		case 'photo':
			// A 1×1 JPEG.
			return fc.constant(TINY_JPEG);
		case 'date':
			return fc
				.date({ min: new Date('1900-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
				.map((d) => d.toISOString().slice(0, 10));
		case 'object':
			return fc.record(shapeArbs(field.fields));
		case 'array':
			return fc.array(validValue(field.of), {
				minLength: field.min,
				maxLength: Math.max(field.min, Math.min(field.max, 3))
			});
		case 'optional':
			return fc.option(validValue(field.of), { nil: undefined });
		case 'partial':
			return fc.record(shapeArbs(field.fields), { requiredKeys: [] });
		case 'numbers':
			return fc.constantFrom(...field.values);
	}
}

function shapeArbs(shape: Shape) {
	return Object.fromEntries(Object.entries(shape).map(([k, f]) => [k, validValue(f)]));
}

export function validArgs(name: MutationName): fc.Arbitrary<Record<string, unknown>> {
	return fc.record(shapeArbs(argShapes[name]));
}

// ---------------------------------------------------------------- hostile values

/** A value nested `depth` levels deep, as a parser bomb would be. */
export function deeplyNested(depth: number, leaf: unknown = 'x'): unknown {
	let value: unknown = leaf;
	for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
	return value;
}

/** An object with an own enumerable key named like a prototype property, which survives JSON. */
export function withOwnKey(target: object, key: string, value: unknown): object {
	const copy = { ...target };
	Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
	return copy;
}

export const prototypeKeys = [
	'__proto__',
	'constructor',
	'prototype',
	'toString',
	'hasOwnProperty'
];
const extraKeys = [...prototypeKeys, 'isAdmin', 'version', 'confirmedCount', 'status', '', '💥'];

const notString = fc.oneof(
	fc.integer(),
	fc.double({ noNaN: true, noDefaultInfinity: true }),
	fc.boolean(),
	fc.constant(null),
	fc.constant([]),
	fc.constant({}),
	fc.constantFrom(...prototypeKeys).map((k) => withOwnKey({}, k, { polluted: true })),
	fc.integer({ min: 10, max: 300 }).map((d) => deeplyNested(d))
);
const notNumber = fc.oneof(
	fc.string({ maxLength: 8 }),
	fc.boolean(),
	fc.constant(null),
	fc.constant([]),
	fc.constant({}),
	fc.constant('1'),
	fc.integer({ min: 10, max: 300 }).map((d) => deeplyNested(d, 1))
);
const notBoolean = fc.oneof(
	fc.constantFrom('true', 'false', 1, 0, null, [], {}, 'yes'),
	fc.integer({ min: 10, max: 100 }).map((d) => deeplyNested(d, true))
);
const weirdStrings = fc.oneof(
	fc.constantFrom(
		'',
		'   ',
		"' OR 1=1 --",
		'<script>alert(1)</script>',
		'../../etc/passwd',
		'\u0000',
		'\u202e\u0041',
		'𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
		'null',
		'undefined',
		'__proto__'
	),
	fc.string({ unit: 'grapheme', maxLength: 12 }),
	fc.string({ unit: 'binary', maxLength: 12 })
);
const tooLong = (max: number) => fc.constantFrom('x', '测', '👩‍👩‍👧').map((c) => c.repeat(max + 1));

export function hostileValue(field: Field): fc.Arbitrary<unknown> {
	switch (field.t) {
		case 'uuid':
			return fc.oneof(
				notString,
				weirdStrings,
				fc.uuid({ version: 4 }).map((u) => `${u}x`),
				fc.uuid({ version: 4 }).map((u) => u.slice(1)),
				fc.constant('00000000-0000-0000-0000-00000000000g'),
				tooLong(36)
			);
		case 'instant':
			return fc.oneof(
				notString,
				weirdStrings,
				fc.constantFrom(
					'yesterday',
					'2026-13-01T00:00:00Z',
					'2026-02-30T25:00:00Z',
					'2026-01-01',
					'2026-01-01T00:00:00Z',
					'2026-01-01T08:00:00+08:00',
					'2026-01-01 00:00:00',
					'+275760-09-13T00:00:00.000Z'
				),
				fc.integer().map((n) => n)
			);
		case 'text':
			return fc.oneof(
				notString,
				tooLong(field.max),
				// Text that hides what it shows: invisible only, reordered, a control, broken UTF-16.
				fc.constantFrom('\u200b\u200b', '\u3164', '张\u202e三', '李\u0000娟', '王\ud800'),
				...(field.required ? [fc.constantFrom('', '   ', '\n\t')] : [])
			);
		case 'string':
			return fc.oneof(notString, tooLong(field.max));
		case 'enum':
			return fc.oneof(
				notString,
				weirdStrings.filter((s) => !field.values.includes(s)),
				fc.constantFrom('admin', 'ACTIVE', 'confirmed ', ...prototypeKeys)
			);
		case 'bool':
			return notBoolean;
		case 'int': {
			const below = field.min - 1;
			const above = field.max + 1;
			return fc.oneof(
				notNumber,
				fc.constantFrom(below, above, 1.5, -0.5, -1e308, 1e308, 2 ** 53, -(2 ** 53), 2 ** 64),
				...(below > -1e9 ? [fc.integer({ min: -1e9, max: below })] : []),
				...(above < 2e9 ? [fc.integer({ min: above, max: 2e9 })] : [])
			);
		}
		case 'nullable':
			return hostileValue(field.of).filter((v) => v !== null);
		case 'enumArray':
			return fc.oneof(
				notString.filter((v) => !Array.isArray(v)),
				fc.constantFrom(...field.values).map((v) => v),
				fc.array(fc.constantFrom('__proto__', 'admin', '', 'ZH'), { minLength: 1, maxLength: 3 }),
				fc.array(fc.oneof(fc.integer(), fc.constant(null), fc.constant({})), {
					minLength: 1,
					maxLength: 3
				}),
				...(Number.isFinite(field.max)
					? [
							fc.constant(
								Array.from(
									{ length: field.max + 1 },
									(_, i) => field.values[i % field.values.length]
								)
							)
						]
					: [])
			);
		case 'phone':
			return fc.oneof(
				notString,
				fc.constantFrom(
					'12345',
					'abc',
					'23800138000',
					'+1 415 555 0100',
					'1'.repeat(33),
					'138-0013-800'
				),
				tooLong(32)
			);
		case 'photo':
			return fc.oneof(
				notString,
				weirdStrings,
				fc.constantFrom(
					'data:image/png;base64,iVBORw0KGgo=',
					'data:image/jpeg;base64,<script>',
					'https://example.com/a.jpg',
					`data:image/jpeg;base64,${'A'.repeat(MAX_PHOTO_CHARS)}`
				)
			);
		case 'date':
			return fc.oneof(
				notString,
				weirdStrings,
				fc.constantFrom('2026-02-30', '2026-13-01', '2026-1-1', '20260101', '2026-01-01T00:00:00Z')
			);
		case 'object':
			return fc.oneof(
				fc.constantFrom(null, 'x', 1, [], true),
				hostileShape(field.fields, true, !field.loose)
			);
		case 'array':
			return fc.oneof(
				notString.filter((v) => !Array.isArray(v)),
				// One more than it may hold (the same valid item over and over), or none when it needs one.
				validValue(field.of).map((item) => Array.from({ length: field.max + 1 }, () => item)),
				...(field.min > 0 ? [fc.constant([])] : []),
				// Valid items and one hostile among them.
				fc
					.tuple(
						fc.array(validValue(field.of), { maxLength: Math.min(2, field.max - 1) }),
						hostileValue(field.of),
						fc.nat()
					)
					.map(([items, bad, at]) => {
						const copy: unknown[] = [...items];
						copy.splice(at % (items.length + 1), 0, bad);
						return copy;
					})
			);
		case 'optional':
			return hostileValue(field.of).filter((v) => v !== undefined);
		case 'partial':
			return fc.oneof(
				fc.constantFrom(null, 'changes', 1, [], true),
				hostileShape(field.fields, false)
			);
		case 'numbers':
			return fc.oneof(
				notNumber,
				fc.integer({ min: -100, max: 1000 }).filter((n) => !field.values.includes(n)),
				fc.constantFrom(1.5, -1, 2 ** 53)
			);
	}
}

/**
 * A valid object of this shape with exactly one thing wrong: a field turned hostile, a required
 * key missing, or (a strict object's) a key the schema does not know.
 */
export function hostileShape(
	shape: Shape,
	required = true,
	strict = true
): fc.Arbitrary<Record<string, unknown>> {
	const keys = Object.keys(shape);
	const valid = required
		? fc.record(shapeArbs(shape))
		: fc.record(shapeArbs(shape), { requiredKeys: [] });
	const replaced = fc
		.tuple(valid, fc.constantFrom(...keys))
		.chain(([value, key]) => hostileValue(shape[key]!).map((bad) => ({ ...value, [key]: bad })));
	const extra = fc
		.tuple(
			valid,
			fc.constantFrom(...extraKeys.filter((k) => !keys.includes(k))),
			fc.jsonValue({ maxDepth: 2 })
		)
		.map(([value, key, junk]) => withOwnKey(value, key, junk) as Record<string, unknown>);
	const options = strict ? [replaced, extra] : [replaced];
	const needed = keys.filter((key) => shape[key]!.t !== 'optional');
	if (required && needed.length > 0) {
		const missing = fc.tuple(valid, fc.constantFrom(...needed)).map(([value, key]) => {
			const copy = { ...value };
			delete copy[key];
			return copy;
		});
		options.push(missing);
	}
	return fc.oneof(...options);
}

/** Args for a named mutation that its schema must refuse. */
export function hostileArgs(name: MutationName): fc.Arbitrary<unknown> {
	return fc.oneof(
		{ weight: 8, arbitrary: hostileShape(argShapes[name]) },
		{
			weight: 1,
			arbitrary: fc.oneof(
				fc.constantFrom(null, 'args', 0, -1, true, [], [{}]),
				fc.integer({ min: 10, max: 400 }).map((d) => deeplyNested(d))
			)
		}
	);
}

/** A mutation name no one registered, including names of Object.prototype members. */
export const unknownName = fc.oneof(
	fc.constantFrom(
		...prototypeKeys,
		'valueOf',
		'volunteer.delete',
		'VOLUNTEER.REGISTER',
		' volunteer.register',
		// A NUL, which PostgreSQL cannot store in the refusal it keeps.
		'volunteer.register\u0000',
		'\u0000'
	),
	fc.string({ minLength: 1, maxLength: 64 }).filter((s) => !(mutationNames as string[]).includes(s))
);

// ---------------------------------------------------------------- envelopes

export interface HostileRequest {
	endpoint: 'push' | 'pull';
	contentType: string;
	/** The raw body text as sent. */
	body: string;
	/** What is wrong with it, for the failure message. */
	fault: string;
}

const maxInt = Number.MAX_SAFE_INTEGER;
/** Any integer parses; the versions the server does not speak are generated apart. */
const anyInt: Field = { t: 'int', min: -maxInt, max: maxInt };
const envelopeShapes: Record<'push' | 'pull', Shape> = {
	push: { clientId: uuid, schemaVersion: anyInt },
	/** The required keys; the optional ones are turned hostile on their own below. */
	pull: { clientId: uuid, schemaVersion: anyInt, cursor: { t: 'int', min: 0, max: maxInt } }
};
const pullOptions: Shape = {
	limit: { t: 'int', min: 1, max: MAX_PULL_LIMIT },
	resultsAfter: { t: 'int', min: 0, max: maxInt }
};

const mutationItemShape: Shape = {
	id: { t: 'int', min: 1, max: Number.MAX_SAFE_INTEGER },
	name: { t: 'string', max: 64 }
};

const validItem = fc.record({
	id: fc.integer({ min: 1, max: 1000 }),
	name: fc.constantFrom(...mutationNames),
	args: fc.jsonValue({ maxDepth: 2 })
});

/** A well-formed push envelope; its mutations' args may be anything (that is checked later). */
export const validPush = fc.record({
	clientId: fc.uuid({ version: 4 }),
	schemaVersion: fc.constant(SCHEMA_VERSION),
	mutations: fc.array(validItem, { maxLength: 4 })
});

export const validPull = fc.record(
	{
		clientId: fc.uuid({ version: 4 }),
		schemaVersion: fc.constant(SCHEMA_VERSION),
		cursor: fc.nat(),
		limit: fc.integer({ min: 1, max: MAX_PULL_LIMIT }),
		resultsAfter: fc.nat()
	},
	{ requiredKeys: ['clientId', 'schemaVersion', 'cursor'] }
);

const json = (value: unknown) => JSON.stringify(value);
const request = (endpoint: 'push' | 'pull', body: string, fault: string): HostileRequest => ({
	endpoint,
	contentType: 'application/json',
	body,
	fault
});

/** Push and pull requests whose envelope must not parse (or must be refused as a whole). */
export const hostileEnvelope: fc.Arbitrary<HostileRequest> = fc.oneof(
	// One top-level field wrong, missing or extra.
	fc
		.tuple(validPush, hostileShape(envelopeShapes.push))
		.map(([push, bad]) =>
			request('push', json({ mutations: push.mutations, ...bad }), 'push field')
		),
	fc
		.tuple(validPush, hostileValue({ t: 'enumArray', values: ['x'], max: Infinity }))
		.map(([push, bad]) =>
			request('push', json({ ...push, mutations: bad }), 'mutations not a list')
		),
	validPush.map((push) => {
		const { mutations: _dropped, ...rest } = push;
		return request('push', json(rest), 'mutations missing');
	}),
	// One mutation's envelope wrong: its id, its name, a missing or extra key.
	fc
		.tuple(validPush, validItem, hostileShape(mutationItemShape), fc.boolean())
		.map(([push, item, bad, keepArgs]) =>
			request(
				'push',
				json({
					...push,
					mutations: [...push.mutations, keepArgs ? { args: item.args, ...bad } : bad]
				}),
				'mutation envelope'
			)
		),
	fc
		.tuple(validPush, fc.constantFrom(null, 'm', 1, [], true))
		.map(([push, bad]) =>
			request('push', json({ ...push, mutations: [bad] }), 'mutation not an object')
		),
	validPush.map((push) =>
		request(
			'push',
			json({
				...push,
				mutations: Array.from({ length: MAX_PUSH_MUTATIONS + 1 }, (_, i) => ({
					id: i + 1,
					name: 'project.publish',
					args: {}
				}))
			}),
			'too many mutations'
		)
	),
	hostileShape(envelopeShapes.pull).map((bad) => request('pull', json(bad), 'pull field')),
	fc
		.tuple(validPull, fc.constantFrom(...Object.keys(pullOptions)))
		.chain(([pull, key]) =>
			hostileValue(pullOptions[key]!).map((bad) =>
				request('pull', json({ ...pull, [key]: bad }), `pull ${key}`)
			)
		),
	// Protocol versions the server does not speak.
	fc
		.tuple(
			fc.constantFrom<'push' | 'pull'>('push', 'pull'),
			fc.oneof(
				fc.integer({ min: -1e9, max: SCHEMA_VERSION - 2 }),
				fc.integer({ min: SCHEMA_VERSION + 1, max: 1e9 })
			),
			validPush,
			validPull
		)
		.map(([endpoint, version, push, pull]) =>
			request(
				endpoint,
				json({ ...(endpoint === 'push' ? push : pull), schemaVersion: version }),
				'schema version'
			)
		),
	// Not an object at all, or not JSON.
	fc
		.tuple(
			fc.constantFrom<'push' | 'pull'>('push', 'pull'),
			fc.oneof(
				fc.constantFrom(
					'null',
					'[]',
					'"push"',
					'0',
					'true',
					'{',
					'',
					"{'clientId':1}",
					'NaN',
					'{"a":1}}'
				),
				fc.integer({ min: 10, max: 5000 }).map((d) => '[{"a":'.repeat(d) + '1' + '}]'.repeat(d)),
				fc.string({ maxLength: 40 }).filter((s) => {
					try {
						const v: unknown = JSON.parse(s);
						return v === null || typeof v !== 'object';
					} catch {
						return true;
					}
				}),
				validPush.map((p) => json(p).slice(0, -1))
			)
		)
		.map(([endpoint, body]) => request(endpoint, body, 'not a JSON object')),
	// Not sent as JSON.
	fc
		.tuple(
			fc.constantFrom<'push' | 'pull'>('push', 'pull'),
			fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', ''),
			validPull
		)
		.map(([endpoint, contentType, pull]) => ({
			...request(endpoint, json(pull), 'content type'),
			contentType
		}))
);
