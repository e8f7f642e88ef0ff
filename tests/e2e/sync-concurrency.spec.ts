/**
 * 50 devices ask the real server (`node build`) for the last place of a shift at the same time:
 * exactly one is confirmed, the others wait in the order the server took them.
 */
import { test } from './fixtures';
import { raceForLastPlace } from './support/last-place-race';
import { signIn } from './support/sync-client';

test('50 simultaneous sign-ups for the last place: one confirmed, 49 waitlisted in order', async ({
	server
}) => {
	const admin = await signIn(server.url);
	await raceForLastPlace(admin, () => admin);
});
