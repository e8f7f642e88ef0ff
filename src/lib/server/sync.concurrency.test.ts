/**
 * The last place of a shift, asked for by 50 devices at once through the real push handler:
 * exactly one gets it, the other 49 wait in the order the server took their requests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION, type PushResponse } from '$lib/domain/sync';
import type { Signup } from '$lib/domain/schemas';
import { appliedLog, ServerTemplate, SimServer } from '$lib/testing/sim-server';
import { decodeRow } from './record-store';

const RACERS = 50;

describe('sign-ups racing for the last place', () => {
	let template: ServerTemplate;
	let server: SimServer;
	beforeAll(async () => {
		// More members than racers: those their station has not approved yet cannot sign up.
		template = await ServerTemplate.create({ stations: 1, members: RACERS + 20, projects: 0 });
		server = await SimServer.fromTemplate(template);
	});
	afterAll(async () => {
		await server.dispose();
		await template.dispose();
	});

	async function send(clientId: string, mutations: { id: number; name: string; args: unknown }[]) {
		const response = await server.fetch('/api/sync/push', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ clientId, schemaVersion: SCHEMA_VERSION, mutations })
		});
		expect(response.status).toBe(200);
		return (await response.json()) as PushResponse;
	}

	it('confirms exactly one and waitlists the rest in arrival order', async () => {
		const station = await server.db.selectFrom('stations').select('id').executeTakeFirstOrThrow();
		const members = (
			await server.db.selectFrom('volunteers').select(['data', 'version']).orderBy('id').execute()
		)
			.map((row) => decodeRow('volunteers', row))
			.filter((m) => m.status === 'active')
			.map((m) => m.id);
		expect(members.length).toBeGreaterThanOrEqual(RACERS + 2);
		const at = new Date().toISOString();
		const start = new Date(Date.now() + 86_400_000).toISOString();
		const end = new Date(Date.now() + 90_000_000).toISOString();
		const projectId = crypto.randomUUID();
		const shiftId = crypto.randomUUID();
		// A shift of three places, two already taken.
		const staff = await send(crypto.randomUUID(), [
			{
				id: 1,
				name: 'project.create',
				args: {
					id: projectId,
					stationId: station.id,
					title: '社区义诊',
					description: '',
					category: 'health_promotion',
					place: '活动室',
					requiredSkills: [],
					urgent: false,
					at
				}
			},
			{ id: 2, name: 'shift.add', args: { id: shiftId, projectId, start, end, capacity: 3, at } },
			{ id: 3, name: 'project.publish', args: { id: projectId, at } },
			...[0, 1].map((k) => ({
				id: 4 + k,
				name: 'signup.request',
				args: { id: crypto.randomUUID(), shiftId, volunteerId: members[k]!, at }
			}))
		]);
		expect(staff.results.map((r) => r.status)).toEqual(Array(5).fill('applied'));

		const racers = members.slice(2, 2 + RACERS).map((volunteerId) => ({
			clientId: crypto.randomUUID(),
			signupId: crypto.randomUUID(),
			volunteerId
		}));
		const answers = await Promise.all(
			racers.map((r) =>
				send(r.clientId, [
					{
						id: 1,
						name: 'signup.request',
						args: { id: r.signupId, shiftId, volunteerId: r.volunteerId, at }
					}
				])
			)
		);
		expect(answers.every((a) => a.lastMutationId === 1 && a.results[0]?.status === 'applied')).toBe(
			true
		);

		const stored = await server.db
			.selectFrom('signups')
			.select(['data', 'version'])
			.where('shift_id', '=', shiftId)
			.execute();
		const signups = new Map(
			stored.map((row) => decodeRow('signups', row)).map((s): [string, Signup] => [s.id, s])
		);
		const raced = racers.map((r) => signups.get(r.signupId)!);
		expect(raced.filter((s) => s.status === 'confirmed')).toHaveLength(1);
		expect(raced.filter((s) => s.status === 'waitlisted')).toHaveLength(RACERS - 1);

		// Arrival order: the order in which the server committed the racers' mutations.
		const log = await appliedLog(server.db);
		const seq = new Map(log.map((e) => [e.clientId, e.seq]));
		const byArrival = [...racers].sort((a, b) => seq.get(a.clientId)! - seq.get(b.clientId)!);
		const first = signups.get(byArrival[0]!.signupId)!;
		expect(first.status).toBe('confirmed');
		const orders = byArrival.slice(1).map((r) => signups.get(r.signupId)!.waitlistOrder);
		expect(orders).toEqual(Array.from({ length: RACERS - 1 }, (_, k) => k + 1));

		const shift = await server.db
			.selectFrom('shifts')
			.select(['data', 'version'])
			.where('id', '=', shiftId)
			.executeTakeFirstOrThrow();
		const counts = decodeRow('shifts', shift);
		expect(counts.confirmedCount).toBe(3);
		expect(counts.confirmedCount).toBeLessThanOrEqual(counts.capacity);
		expect(counts.waitlistCount).toBe(RACERS - 1);
		expect(counts.waitlistSeq).toBe(RACERS - 1);
	});
});
