/**
 * Puts the code of the screens a start shows first into a few large chunks, instead of the dozens
 * of small ones that automatic code splitting makes (one per set of routes sharing a module).
 * Every file costs a start the browser's work per request and per module: a volunteer's offline
 * start fetched 73 files before her home showed; with these groups it fetches 18 (15 scripts).
 *
 * - `boot`: what every page runs first (SvelteKit's client, the app entry, the root layout and
 *   all they import) and the home route: one file in place of about 25, adding to other pages only
 *   the home route's few lines, since every page loads the rest anyway.
 * - `lock`: the lock screen, a staff tablet's usual first screen, so that it needs nothing more.
 * - `frame`: the app's frame, the database and sync code an unlocked account opens with, and
 *   whatever both homes use.
 * - `volunteer-home`, `sync` (what the sync engine loads once the first screen shows: zod and the
 *   domain's schemas among it, after her home so that it does not wait for them), `staff-home`.
 *
 * A group takes a module its root reaches through static imports and that no earlier group took,
 * so each group needs only itself and the groups before it. Routes that use a module of a group
 * load the whole group (everything is precached, so this costs parsing, not downloads).
 * The messages stay with automatic splitting: their barrel reaches every message of the app, but
 * each screen uses a few. Client build only: the server's chunks are left as they were.
 */

/**
 * @typedef {{ getModuleInfo(id: string): { importedIds: readonly string[]; isEntry: boolean } | null }} Graph
 */

/** Each group's roots, as the ends of module ids; in order of precedence. */
const GROUPS = [
	{
		name: 'boot',
		roots: [
			'/@sveltejs/kit/src/runtime/client/entry.js',
			'/.svelte-kit/generated/client-optimized/app.js',
			'/.svelte-kit/generated/client-optimized/nodes/0.js',
			'/src/routes/+page.svelte'
		]
	},
	{ name: 'lock', roots: ['/src/lib/components/account/LockScreen.svelte'] },
	{
		name: 'frame',
		roots: [
			'/src/routes/AppFrame.svelte',
			'/src/lib/client/data/sync-engine.svelte.ts',
			'/src/lib/client/data/db.ts'
		]
	},
	{ name: 'volunteer-home', roots: ['/src/routes/VolunteerHome.svelte'] },
	{ name: 'sync', roots: ['/src/lib/client/data/sync.ts'] },
	{ name: 'staff-home', roots: ['/src/routes/StaffHome.svelte'] }
];

/** Left to automatic splitting (see above). */
const UNGROUPED = /\/src\/lib\/paraglide\//;

/** @returns {import('vite').Plugin} */
export function firstScreenChunks() {
	return {
		name: 'first-screen-chunks',
		configEnvironment(name) {
			if (name !== 'client') return;
			/** @type {Set<string>} */
			const ids = new Set();
			/** @type {Map<string, string> | undefined} */
			let groupOf;
			return {
				build: {
					rollupOptions: {
						output: {
							codeSplitting: {
								groups: GROUPS.map((group, index) => ({
									debugName: group.name,
									// Earlier groups choose first.
									priority: GROUPS.length - index,
									// Called for every module before any `name`: collects the graph's ids.
									test: (/** @type {string} */ id) => {
										ids.add(id);
										return true;
									},
									name: (/** @type {string} */ id, /** @type {Graph} */ graph) => {
										groupOf ??= assignGroups([...ids], graph);
										return groupOf.get(id) === group.name ? group.name : null;
									}
								}))
							}
						}
					}
				}
			};
		}
	};
}

/**
 * The group of each module that belongs to one.
 * @param {string[]} ids every module of the build
 * @param {Graph} graph
 */
export function assignGroups(ids, graph) {
	/** @param {string[]} roots */
	const reach = (roots) => {
		const seen = new Set();
		const stack = [...roots];
		for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
			if (seen.has(id)) continue;
			seen.add(id);
			stack.push(...(graph.getModuleInfo(id)?.importedIds ?? []));
		}
		return seen;
	};
	const reached = new Map(
		GROUPS.map(({ name, roots }) => {
			const found = roots.map((root) => ids.find((id) => id.endsWith(root)));
			const missing = roots.filter((_, i) => found[i] === undefined);
			// A renamed root would silently undo the grouping: say so instead.
			if (missing.length > 0) {
				throw new Error(`first-screen-chunks: no module ends with ${missing.join(', ')}`);
			}
			return [name, reach(/** @type {string[]} */ (found))];
		})
	);
	const group = (/** @type {string} */ name) => /** @type {Set<string>} */ (reached.get(name));
	// What both homes use goes with the frame, so that neither home's chunk needs the other's.
	const staffHome = group('staff-home');
	for (const id of group('volunteer-home')) if (staffHome.has(id)) group('frame').add(id);

	/** @type {Map<string, string>} */
	const groupOf = new Map();
	for (const [name, members] of reached) {
		for (const id of members) {
			if (groupOf.has(id) || UNGROUPED.test(id) || graph.getModuleInfo(id)?.isEntry) continue;
			groupOf.set(id, name);
		}
	}
	return groupOf;
}
