import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tableNames } from '$lib/domain/schemas';
import { SCHEMA_VERSION, type PullResponse } from '$lib/domain/sync';
import { systemActor } from '$lib/server/authorization';
import type { Db } from '$lib/server/database';
import { pull } from '$lib/server/sync';
import { serverFetch, testDevice, testServer } from '$lib/testing/harness';
import {
	at,
	T0,
	newProject,
	newShift,
	phoneNo,
	registration,
	serverSide,
	station
} from '$lib/testing/fixtures';
import { getMeta, type LocalDb } from './db';
import { runMutation } from './mutate';
import { pullChanges, pushOutbox, syncOnce, type Fetch } from './sync';
import type { ArgsOf, MutationName } from '$lib/domain/mutations';

async function world() {
	const server = await testServer();
	const home = station();
	await serverSide(server).addStation(home);
	return { server, fetcher: serverFetch(server), home };
}

/** Asks for pull pages of `limit` changes. */
function withLimit(fetcher: Fetch, limit: number): Fetch {
	return (url, init) => {
		if (!url.endsWith('/pull')) return fetcher(url, init);
		const body = JSON.parse(String(init.body)) as Record<string, unknown>;
		return fetcher(url, { ...init, body: JSON.stringify({ ...body, limit }) });
	};
}

async function run<N extends MutationName>(db: LocalDb, name: N, args: ArgsOf<N>) {
	const outcome = await runMutation(db, name, args);
	if (!outcome.ok) throw new Error(`${name} refused on the device: ${outcome.code}`);
}

/** Two devices, and five members registered on the second and pushed to the server. */
async function fiveMembersFromB(fetcher: Fetch) {
	const a = testDevice();
	const b = testDevice();
	const members = [1, 2, 3, 4, 5].map((n) => registration({ phone: phoneNo(n) }));
	for (const m of members) await run(b, 'volunteer.register', m);
	await syncOnce(b, fetcher);
	return { a, b, members };
}

/** Every live row the server holds, by table, as a device would store it. */
async function serverRows(server: Db) {
	const page = await pull(
		server,
		{ clientId: crypto.randomUUID(), schemaVersion: SCHEMA_VERSION, cursor: 0, limit: 2000 },
		systemActor
	);
	return Object.fromEntries(
		tableNames.map((t) => [
			t,
			page.changes
				.filter((c) => c.table === t && c.row)
				.map((c) => c.row)
				.sort((a, b) => String(a?.id).localeCompare(String(b?.id)))
		])
	);
}

async function deviceRows(db: LocalDb) {
	const entries = await Promise.all(
		tableNames.map(async (t) => [t, await db.table(t).orderBy('id').toArray()] as const)
	);
	return Object.fromEntries(entries);
}

describe('sync and rebase on the device', () => {
	// Both sides judge time rules by their own clock: here it reads the story's time.
	beforeEach(() => {
		vi.useFakeTimers({ toFake: ['Date'] });
		vi.setSystemTime(T0);
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	it('keeps a pending local edit on top of a pulled edit of another field of the same member', async () => {
		const { fetcher } = await world();
		const a = testDevice();
		const b = testDevice();
		const member = registration({ name: '刘芳', community: '西总布' });
		await run(a, 'volunteer.register', member);
		await syncOnce(a, fetcher);
		await syncOnce(b, fetcher);

		await run(a, 'volunteer.update', { id: member.id, changes: { community: '东四' }, at: at(2) });
		await run(b, 'volunteer.update', { id: member.id, changes: { name: '刘芳芳' }, at: at(3) });
		await syncOnce(b, fetcher);

		await pullChanges(a, fetcher);
		expect(await a.volunteers.get(member.id)).toMatchObject({ name: '刘芳芳', community: '东四' });
		expect(await a.outbox.count()).toBe(1);

		await syncOnce(a, fetcher);
		await syncOnce(b, fetcher);
		for (const device of [a, b]) {
			expect(await device.volunteers.get(member.id)).toMatchObject({
				name: '刘芳芳',
				community: '东四'
			});
		}
	});

	it('empties the outbox once the server has applied it, leaving exactly the server’s rows', async () => {
		const { server, fetcher, home } = await world();
		const a = testDevice();
		await syncOnce(a, fetcher);
		const project = newProject(home.id);
		await run(a, 'volunteer.register', registration({ homeStationId: home.id }));
		await run(a, 'project.create', project);
		await run(a, 'shift.add', newShift(project.id));
		await run(a, 'project.publish', { id: project.id, at: at(1) });
		await syncOnce(a, fetcher);
		expect(await a.outbox.count()).toBe(0);
		expect(await a.base.count()).toBe(0);
		expect(await deviceRows(a)).toEqual(await serverRows(server));
	});

	it('shows a sign-up as pending until a pull brings the server’s decision', async () => {
		const { fetcher, home } = await world();
		const a = testDevice();
		await syncOnce(a, fetcher);
		const project = newProject(home.id);
		const shift = newShift(project.id, { capacity: 1 });
		const first = registration({ phone: phoneNo(1) });
		const second = registration({ phone: phoneNo(2) });
		await run(a, 'project.create', project);
		await run(a, 'shift.add', shift);
		await run(a, 'project.publish', { id: project.id, at: at(1) });
		await run(a, 'volunteer.register', first);
		await run(a, 'volunteer.register', second);
		const signups = [first, second].map((m, i) => ({
			id: crypto.randomUUID(),
			shiftId: shift.id,
			volunteerId: m.id,
			at: at(10 + i)
		}));
		for (const signup of signups) await run(a, 'signup.request', signup);

		await pushOutbox(a, fetcher);
		expect((await a.signups.toArray()).map((s) => s.status)).toEqual(['pending', 'pending']);

		await pullChanges(a, fetcher);
		expect(await a.signups.get(signups[0]!.id)).toMatchObject({ status: 'confirmed' });
		expect(await a.signups.get(signups[1]!.id)).toMatchObject({
			status: 'waitlisted',
			waitlistOrder: 1
		});
		expect(await a.shifts.get(shift.id)).toMatchObject({ confirmedCount: 1, waitlistCount: 1 });
	});

	it('drops a mutation the server refused from the tables and keeps it as a refusal', async () => {
		const { fetcher } = await world();
		const a = testDevice();
		const b = testDevice();
		const mine = registration({ name: '陈静', phone: '13912345678' });
		const theirs = registration({ name: '孙丽', phone: '139-1234-5678' });
		await run(a, 'volunteer.register', mine);
		await run(b, 'volunteer.register', theirs);
		await syncOnce(b, fetcher);
		await syncOnce(a, fetcher);

		expect(await a.volunteers.get(mine.id)).toBeUndefined();
		expect(await a.volunteers.get(theirs.id)).toMatchObject({ name: '孙丽' });
		expect(await a.outbox.count()).toBe(0);
		expect(await a.refusals.toArray()).toMatchObject([
			{
				mutationId: 1,
				name: 'volunteer.register',
				code: 'duplicate_phone',
				path: ['phone'],
				detail: { memberId: theirs.id, memberName: '孙丽' }
			}
		]);
	});

	it('applies a push exactly once when its answer was lost on the way back', async () => {
		const { server, fetcher, home } = await world();
		let dropNextPushAnswer = true;
		const flaky: Fetch = async (url, init) => {
			const response = await fetcher(url, init);
			if (url.endsWith('/push') && dropNextPushAnswer) {
				dropNextPushAnswer = false;
				throw new TypeError('network connection lost');
			}
			return response;
		};
		const a = testDevice();
		await syncOnce(a, fetcher);
		const project = newProject(home.id);
		const shift = newShift(project.id, { capacity: 3 });
		const member = registration();
		await run(a, 'project.create', project);
		await run(a, 'shift.add', shift);
		await run(a, 'project.publish', { id: project.id, at: at(1) });
		await run(a, 'volunteer.register', member);
		await run(a, 'signup.request', {
			id: crypto.randomUUID(),
			shiftId: shift.id,
			volunteerId: member.id,
			at: at(10)
		});

		await expect(syncOnce(a, flaky)).rejects.toThrow('network connection lost');
		expect(await a.outbox.count()).toBe(5);
		await syncOnce(a, flaky);

		expect(await a.outbox.count()).toBe(0);
		expect(await a.refusals.count()).toBe(0);
		expect(await a.shifts.get(shift.id)).toMatchObject({ confirmedCount: 1, waitlistCount: 0 });
		const stored = await server.selectFrom('mutation_results').selectAll().execute();
		expect(stored).toEqual([]);
		expect(await deviceRows(a)).toEqual(await serverRows(server));
	});

	it('brings back a refusal whose push answer was lost, with the next pull', async () => {
		const { fetcher } = await world();
		const lost: Fetch = async (url, init) => {
			await fetcher(url, init);
			throw new TypeError('network connection lost');
		};
		const a = testDevice();
		const b = testDevice();
		await run(b, 'volunteer.register', registration({ name: '孙丽', phone: phoneNo(1) }));
		await syncOnce(b, fetcher);
		await run(a, 'volunteer.register', registration({ phone: phoneNo(1) }));
		await expect(pushOutbox(a, lost)).rejects.toThrow('network connection lost');
		expect(await a.refusals.count()).toBe(0);

		await pullChanges(a, fetcher);
		expect(await a.outbox.count()).toBe(0);
		expect(await a.volunteers.count()).toBe(1);
		expect(await a.refusals.toArray()).toMatchObject([
			{ mutationId: 1, code: 'duplicate_phone', detail: { memberName: '孙丽' } }
		]);
	});

	it('pulls in small pages with a pending edit staying on top throughout', async () => {
		const { server, fetcher } = await world();
		const smallPages = withLimit(fetcher, 2);
		const { a, b, members } = await fiveMembersFromB(fetcher);
		await syncOnce(a, smallPages);
		expect(await a.volunteers.count()).toBe(5);

		const edited = members[2]!;
		await run(a, 'volunteer.update', {
			id: edited.id,
			changes: { availability: '晚上' },
			at: at(5)
		});
		for (const m of members) {
			await run(b, 'volunteer.update', { id: m.id, changes: { name: `新${m.name}` }, at: at(6) });
		}
		await syncOnce(b, fetcher);

		const pages: number[] = [];
		await pullChanges(a, smallPages, '', (p) => pages.push(p.changes));
		expect(pages.length).toBeGreaterThan(2);
		expect(await a.volunteers.get(edited.id)).toMatchObject({
			name: `新${edited.name}`,
			availability: '晚上'
		});
		expect(await a.outbox.count()).toBe(1);

		await syncOnce(a, smallPages);
		expect(await deviceRows(a)).toEqual(await serverRows(server));
	});

	it('replays an offline cancel and a new request in order, leaving one confirmed place', async () => {
		const { server, fetcher, home } = await world();
		const a = testDevice();
		await syncOnce(a, fetcher);
		const project = newProject(home.id);
		const shift = newShift(project.id, { capacity: 1 });
		const member = registration();
		await run(a, 'project.create', project);
		await run(a, 'shift.add', shift);
		await run(a, 'project.publish', { id: project.id, at: at(1) });
		await run(a, 'volunteer.register', member);
		const request = { shiftId: shift.id, volunteerId: member.id };
		const first = crypto.randomUUID();
		const second = crypto.randomUUID();
		await run(a, 'signup.request', { ...request, id: first, at: at(10) });
		await run(a, 'signup.cancel', { id: first, at: at(11) });
		await run(a, 'signup.request', { ...request, id: second, at: at(12) });
		expect((await a.signups.get(second))?.status).toBe('pending');

		await syncOnce(a, fetcher);
		expect(await a.refusals.count()).toBe(0);
		expect((await a.signups.get(first))?.status).toBe('cancelled');
		expect((await a.signups.get(second))?.status).toBe('confirmed');
		expect(await a.shifts.get(shift.id)).toMatchObject({ confirmedCount: 1, waitlistCount: 0 });
		expect(await deviceRows(a)).toEqual(await serverRows(server));
	});
	it('still rebases when the outbox fills after the pull found it empty (another tab)', async () => {
		const { fetcher } = await world();
		const a = testDevice();
		const b = testDevice();
		const member = registration({ name: '刘芳', community: '西总布' });
		await run(a, 'volunteer.register', member);
		await syncOnce(a, fetcher);
		await syncOnce(b, fetcher);
		await run(b, 'volunteer.update', { id: member.id, changes: { name: '刘芳芳' }, at: at(3) });
		await syncOnce(b, fetcher);
		await run(a, 'volunteer.update', { id: member.id, changes: { community: '东四' }, at: at(2) });

		// A fresh copy of the sync module, which has not loaded the mutation rules yet, and an
		// outbox that looks empty when the pull checks it: the change came from another tab.
		vi.resetModules();
		const fresh = await import('./sync');
		vi.spyOn(a.outbox, 'count').mockResolvedValueOnce(0);
		await fresh.pullChanges(a, fetcher);
		expect(await a.volunteers.get(member.id)).toMatchObject({ name: '刘芳芳', community: '东四' });
		expect(await a.outbox.count()).toBe(1);
	});

	it('rebases every page when the outbox fills after the pull found it empty, each page written while the one before commits', async () => {
		const { fetcher } = await world();
		const smallPages = withLimit(fetcher, 2);
		const { a, b, members } = await fiveMembersFromB(fetcher);
		await syncOnce(a, fetcher);
		for (const m of members) {
			await run(b, 'volunteer.update', { id: m.id, changes: { name: `新${m.name}` }, at: at(3) });
		}
		await syncOnce(b, fetcher);
		const edited = members[1]!;
		await run(a, 'volunteer.update', { id: edited.id, changes: { community: '东四' }, at: at(2) });

		// The rules are not loaded and the outbox looks empty when the pull starts: each page's
		// transaction finds the entry, and the page after it finds the cursor not yet moved.
		vi.resetModules();
		const fresh = await import('./sync');
		vi.spyOn(a.outbox, 'count').mockResolvedValueOnce(0);
		const pages: number[] = [];
		await fresh.pullChanges(a, smallPages, '', (p) => pages.push(p.changes));
		expect(pages.length).toBeGreaterThan(2);
		expect(pages).toEqual([...pages].sort((x, y) => x - y));
		for (const m of members) {
			expect((await a.volunteers.get(m.id))?.name).toBe(`新${m.name}`);
		}
		expect(await a.volunteers.get(edited.id)).toMatchObject({ community: '东四' });
		expect(await a.outbox.count()).toBe(1);
	});

	it('writes no page after one it could not write, and the next pull starts after the last one written', async () => {
		const { server, fetcher } = await world();
		const a = testDevice();
		const b = testDevice();
		for (let n = 1; n <= 6; n++) await run(b, 'volunteer.register', registration({ phone: phoneNo(n) }));
		await syncOnce(b, fetcher);
		const cursors: number[] = [];
		let asked = 0;
		// Pages of two; the second holds a row no schema accepts.
		const brokenSecond: Fetch = async (url, init) => {
			const response = await withLimit(fetcher, 2)(url, init);
			if (!url.endsWith('/pull')) return response;
			const page = (await response.json()) as PullResponse;
			cursors.push(page.cursor);
			if (++asked === 2) {
				const change = page.changes.find((c) => c.row)!;
				change.row = { ...change.row, id: 42 };
			}
			return Response.json(page);
		};
		await expect(pullChanges(a, brokenSecond)).rejects.toThrow();
		// The third page was asked for while the second was checked, and not written.
		expect(asked).toBe(3);
		expect(await getMeta(a, 'cursor', 0)).toBe(cursors[0]);
		const held = await Promise.all(tableNames.map((t) => a.table(t).count()));
		expect(held.reduce((x, y) => x + y, 0)).toBe(2);

		await syncOnce(a, fetcher);
		expect(await deviceRows(a)).toEqual(await serverRows(server));
	});

	it('writes nothing of a page whose record is not an object, a list or a text', async () => {
		const { fetcher } = await world();
		const a = testDevice();
		const b = testDevice();
		await run(b, 'volunteer.register', registration({ phone: phoneNo(1) }));
		await syncOnce(b, fetcher);
		for (const notARecord of [['a', 'list'], 'a text']) {
			const broken: Fetch = async (url, init) => {
				const response = await fetcher(url, init);
				if (!url.endsWith('/pull')) return response;
				const page = (await response.json()) as PullResponse;
				const change = page.changes.find((c) => c.row)!;
				(change as { row: unknown }).row = notARecord;
				return Response.json(page);
			};
			await expect(pullChanges(a, broken)).rejects.toThrow(/expected an object/);
			expect(await getMeta(a, 'cursor', 0)).toBe(0);
			expect(await a.volunteers.count()).toBe(0);
		}
	});

	it('splits a push the server finds too large and sends the halves in order', async () => {
		const { server, fetcher, home } = await world();
		const device = testDevice();
		await syncOnce(device, fetcher);
		for (let i = 0; i < 6; i++) {
			await run(
				device,
				'volunteer.register',
				registration({ phone: phoneNo(700 + i), homeStationId: home.id })
			);
		}
		const sizes: number[] = [];
		const picky: Fetch = async (url, init) => {
			if (url.endsWith('/push')) {
				const count = (JSON.parse(String(init.body)) as { mutations: unknown[] }).mutations.length;
				sizes.push(count);
				if (count > 2) return Response.json({ code: 'too_large' }, { status: 413 });
			}
			return fetcher(url, init);
		};
		expect(await pushOutbox(device, picky)).toBe(6);
		expect(sizes).toEqual([6, 3, 2, 1, 3, 2, 1]);
		await pullChanges(device, fetcher);
		expect(await device.outbox.count()).toBe(0);
		expect(await device.volunteers.count()).toBe(6);
		expect(await serverRows(server)).toEqual(await deviceRows(device));
	});
});
