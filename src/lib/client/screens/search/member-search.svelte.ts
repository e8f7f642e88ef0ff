/**
 * The member index for a screen that searches members: pinyin loads first (on demand), then the
 * index follows the members table, rebuilt when a change is saved here or arrives by sync.
 * Call in a component's script; `current` is null until both are ready.
 */
import type { LocalDb } from '$lib/client/data/db';
import { live, type Live } from '../live.svelte';
import { memberIndex } from '../queries/members';
import type { CharReadings, MemberIndex } from './member-index';
import { loadCharReadings } from './pinyin';

export function liveMemberIndex(db: LocalDb): Live<MemberIndex | null> {
	let readings = $state.raw<CharReadings | null>(null);
	void loadCharReadings().then((loaded) => (readings = loaded));
	return live(
		() => (readings ? memberIndex(db, readings) : Promise.resolve(null)),
		null,
		() => readings
	);
}
