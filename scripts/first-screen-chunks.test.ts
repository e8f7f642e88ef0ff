import { describe, expect, it } from 'vitest';
import { assignGroups } from './first-screen-chunks.js';

const KIT = '/app/node_modules/@sveltejs/kit/src/runtime/client/entry.js';
const GENERATED = '/app/.svelte-kit/generated/client-optimized';
const ROUTES = '/app/src/routes';
const LIB = '/app/src/lib';

/** A module graph: each module's static imports; entries as SvelteKit makes them. */
const imports: Record<string, string[]> = {
	[KIT]: ['/app/node_modules/svelte/internal/client.js'],
	'/app/node_modules/svelte/internal/client.js': [],
	[`${GENERATED}/app.js`]: [],
	[`${GENERATED}/nodes/0.js`]: [`${ROUTES}/+layout.svelte`],
	[`${ROUTES}/+layout.svelte`]: [
		`${LIB}/client/device/gate.svelte.ts`,
		`${LIB}/paraglide/messages.js`
	],
	[`${LIB}/client/device/gate.svelte.ts`]: [],
	[`${LIB}/paraglide/messages.js`]: [`${LIB}/paraglide/messages/app_name.js`],
	[`${LIB}/paraglide/messages/app_name.js`]: [],
	[`${ROUTES}/+page.svelte`]: [`${LIB}/client/screens/scope.ts`],
	[`${LIB}/client/screens/scope.ts`]: [],
	[`${ROUTES}/AppFrame.svelte`]: [
		`${LIB}/components/AppNav.svelte`,
		`${LIB}/components/account/account-labels.ts`
	],
	[`${LIB}/components/account/account-labels.ts`]: [],
	[`${LIB}/components/AppNav.svelte`]: [],
	[`${LIB}/client/data/sync-engine.svelte.ts`]: [],
	[`${LIB}/client/data/db.ts`]: ['/app/node_modules/dexie/dist/modern/dexie.mjs'],
	'/app/node_modules/dexie/dist/modern/dexie.mjs': [],
	[`${ROUTES}/VolunteerHome.svelte`]: [
		`${LIB}/components/HoursSummary.svelte`,
		`${LIB}/components/ShiftCard.svelte`,
		`${LIB}/client/screens/scope.ts`
	],
	[`${LIB}/components/HoursSummary.svelte`]: [],
	[`${LIB}/components/ShiftCard.svelte`]: [],
	[`${LIB}/client/data/sync.ts`]: [
		`${LIB}/domain/schemas.ts`,
		`${LIB}/components/ShiftCard.svelte`
	],
	[`${LIB}/domain/schemas.ts`]: ['/app/node_modules/zod/index.js'],
	'/app/node_modules/zod/index.js': [],
	[`${ROUTES}/StaffHome.svelte`]: [
		`${LIB}/components/ShiftCard.svelte`,
		`${LIB}/components/DayRosters.svelte`,
		`${LIB}/domain/schemas.ts`
	],
	[`${LIB}/components/DayRosters.svelte`]: [],
	[`${LIB}/components/account/LockScreen.svelte`]: [
		`${LIB}/components/account/account-labels.ts`,
		`${LIB}/components/account/PinPad.svelte`
	],
	[`${LIB}/components/account/PinPad.svelte`]: [],
	[`${ROUTES}/projects/+page.svelte`]: [`${LIB}/components/ProjectList.svelte`],
	[`${LIB}/components/ProjectList.svelte`]: []
};
const entries = new Set([KIT, `${GENERATED}/app.js`, `${GENERATED}/nodes/0.js`]);

function graphOf(modules: Record<string, string[]>) {
	return {
		getModuleInfo: (id: string) =>
			id in modules ? { importedIds: modules[id] ?? [], isEntry: entries.has(id) } : null
	};
}

describe('first-screen chunks', () => {
	const groups = assignGroups(Object.keys(imports), graphOf(imports));
	const groupOf = (id: string) => groups.get(id) ?? null;

	it('puts what every page runs first, and the home route, in one boot chunk', () => {
		expect(groupOf('/app/node_modules/svelte/internal/client.js')).toBe('boot');
		expect(groupOf(`${ROUTES}/+layout.svelte`)).toBe('boot');
		expect(groupOf(`${LIB}/client/device/gate.svelte.ts`)).toBe('boot');
		expect(groupOf(`${ROUTES}/+page.svelte`)).toBe('boot');
	});

	it('leaves entries in their own files, as SvelteKit expects', () => {
		for (const entry of entries) expect(groupOf(entry)).toBeNull();
	});

	it('gives a module to the first group that reaches it', () => {
		// Reached from the home route (boot) and from the volunteer's home.
		expect(groupOf(`${LIB}/client/screens/scope.ts`)).toBe('boot');
		// The lock screen, a staff tablet's first screen, needs nothing after it: what it shares
		// with the frame is in its own chunk, which the frame then imports.
		expect(groupOf(`${LIB}/components/account/PinPad.svelte`)).toBe('lock');
		expect(groupOf(`${LIB}/components/account/account-labels.ts`)).toBe('lock');
		expect(groupOf('/app/node_modules/dexie/dist/modern/dexie.mjs')).toBe('frame');
		expect(groupOf(`${LIB}/components/AppNav.svelte`)).toBe('frame');
		expect(groupOf(`${LIB}/components/HoursSummary.svelte`)).toBe('volunteer-home');
		// The sync code's schemas come after her home: the staff home, which also uses them, takes
		// them from the sync chunk.
		expect(groupOf(`${LIB}/domain/schemas.ts`)).toBe('sync');
		expect(groupOf('/app/node_modules/zod/index.js')).toBe('sync');
		expect(groupOf(`${LIB}/components/DayRosters.svelte`)).toBe('staff-home');
	});

	it('gives what both homes use to the frame, so that neither home needs the other', () => {
		expect(groupOf(`${LIB}/components/ShiftCard.svelte`)).toBe('frame');
	});

	it('leaves the messages and other screens to automatic splitting', () => {
		expect(groupOf(`${LIB}/paraglide/messages.js`)).toBeNull();
		expect(groupOf(`${LIB}/paraglide/messages/app_name.js`)).toBeNull();
		expect(groupOf(`${ROUTES}/projects/+page.svelte`)).toBeNull();
		expect(groupOf(`${LIB}/components/ProjectList.svelte`)).toBeNull();
	});

	it('stops the build when a root was renamed, rather than undo the grouping unseen', () => {
		const renamed = { ...imports };
		delete renamed[`${ROUTES}/VolunteerHome.svelte`];
		expect(() => assignGroups(Object.keys(renamed), graphOf(renamed))).toThrow(
			/no module ends with \/src\/routes\/VolunteerHome\.svelte/
		);
	});
});
