import { beforeAll, describe, expect, it } from 'vitest';
import { overwriteGetLocale } from '$lib/paraglide/runtime';
import type { ServerMatch } from '$lib/domain/emergency';
import type { Station } from '$lib/domain/schemas';
import { mergeCandidates, type Candidate } from './candidates';
import { checkCallout, draftCriteria, emptyCallout, errorKey, newRole } from './callout-draft';

const lead = {
	id: '00000000-0000-4000-8000-000000000001',
	district: 'dongcheng'
} as Station;
const ids = {
	id: '00000000-0000-4000-8000-0000000000a1',
	projectId: '00000000-0000-4000-8000-0000000000a2',
	shiftId: '00000000-0000-4000-8000-0000000000a3'
};
const at = '2026-06-01T02:00:00.000Z';

function filled() {
	return {
		...emptyCallout(at, lead.id),
		title: '暴雨防汛值守',
		place: '社区活动室',
		start: '2026-06-01T18:00',
		end: '2026-06-01T22:00'
	};
}

describe('a call-out typed into the form', () => {
	beforeAll(() => overwriteGetLocale(() => 'en'));

	it('starts at the next full hour, Beijing time, for four hours', () => {
		const draft = emptyCallout('2026-06-01T02:10:00.000Z', lead.id);
		expect([draft.start, draft.end]).toEqual(['2026-06-01T11:00', '2026-06-01T15:00']);
	});

	it('becomes callout.create with the times in UTC and the lead station reached', () => {
		const checked = checkCallout(filled(), ids, at);
		expect(checked.ok).toBe(true);
		if (!checked.ok) return;
		expect(checked.args.start).toBe('2026-06-01T10:00:00.000Z');
		expect(checked.args.roles).toEqual([{ role: 'duty', headcount: 5 }]);
		expect(checked.args.reach).toBe('stations');
	});

	it('puts each error beside its own field, a task’s beside that task', () => {
		const draft = { ...filled(), title: ' ', end: '2026-06-01T17:00' };
		draft.roles = [newRole('duty'), { ...newRole(''), headcount: 0 }];
		const checked = checkCallout(draft, ids, at);
		expect(checked.ok).toBe(false);
		if (checked.ok) return;
		expect(Object.keys(checked.errors).sort()).toEqual([
			'end',
			'roles.1.headcount',
			'roles.1.role',
			'title'
		]);
	});

	it('names the field a refusal is about', () => {
		expect(errorKey(['roles', 2, 'role'])).toBe('roles.2.role');
		expect(errorKey(['reachStationIds', 0])).toBe('reachStationIds');
		expect(errorKey([])).toBe('');
	});

	it('is matched only once it has a time, a task and a lead station', () => {
		expect(draftCriteria(filled(), undefined)).toBeNull();
		expect(draftCriteria({ ...filled(), roles: [newRole('')] }, lead)).toBeNull();
		const criteria = draftCriteria({ ...filled(), reachStationIds: [ids.id] }, lead);
		expect(criteria?.reachStationIds).toEqual([lead.id, ids.id]);
		expect(criteria?.district).toBe('dongcheng');
	});
});

describe('the list an admin sees', () => {
	const local = (id: string, score: number): Candidate => ({
		volunteerId: id,
		name: id,
		phone: '138****0001',
		stationId: null,
		role: 'duty',
		reasons: ['ready'],
		score,
		fromServer: false
	});
	const server = (id: string, score: number): ServerMatch => ({
		volunteerId: id,
		name: id,
		phone: '139****0002',
		stationId: null,
		community: '',
		role: 'patrol',
		reasons: ['available', 'ready'],
		score
	});

	it('is the server’s, with what only this device knows added, best first', () => {
		const merged = mergeCandidates(
			[local('b', 5), local('c', 1)],
			[server('a', 3), server('b', 4)]
		);
		expect(merged.map((c) => [c.volunteerId, c.fromServer])).toEqual([
			['b', true],
			['a', true],
			['c', false]
		]);
	});

	it('is the device’s alone when the server did not answer', () => {
		expect(mergeCandidates([local('c', 1)], null).map((c) => c.volunteerId)).toEqual(['c']);
	});
});
