import { describe, expect, it } from 'vitest';
import { demoData } from './demo';
import { normalizePhone } from './phone';

const today = new Date('2026-03-01T00:00:00Z');

describe('demoData', () => {
	it('makes the same data, with the same ids, for the same seed', () => {
		expect(demoData({ seed: 7, today })).toEqual(demoData({ seed: 7, today }));
	});

	it('makes different ids for another seed', () => {
		const a = demoData({ seed: 7, today });
		const b = demoData({ seed: 8, today });
		expect(a.stations.map((s) => s.id)).not.toEqual(b.stations.map((s) => s.id));
	});

	it('gives every member a distinct valid phone, 13800000001 among them', () => {
		const phones = demoData({ today })
			.steps.filter((s) => s.name === 'volunteer.register')
			.map((s) => s.args.phone);
		expect(phones.every((p) => normalizePhone(p) === p)).toBe(true);
		expect(new Set(phones).size).toBe(phones.length);
		expect(phones).toContain('13800000001');
	});

	it('lays every shift after the given day, but past activity that was verified or is the first station’s', () => {
		const data = demoData({ today });
		const shifts = data.steps.filter((s) => s.name === 'shift.add');
		expect(shifts.length).toBeGreaterThan(0);
		const verified = new Set(
			data.steps.flatMap((s) => (s.name === 'attendance.verify' ? [s.args.shiftId] : []))
		);
		const past = shifts.filter(
			(s) => s.args.projectId === data.pastProjectId || verified.has(s.args.id)
		);
		expect(past.filter((s) => s.args.projectId === data.pastProjectId)).toHaveLength(2);
		// The regular activity of one station in each other district.
		expect(past.length).toBeGreaterThan(2 + 15);
		for (const shift of shifts) {
			const ahead = Date.parse(shift.args.start) > today.getTime();
			expect(ahead).toBe(!past.includes(shift));
			expect(Date.parse(shift.args.end)).toBeGreaterThan(Date.parse(shift.args.start));
		}
	});

	it('records attendance on the past activity, the demo volunteer’s included', () => {
		const data = demoData({ today });
		const [volunteer] = data.steps.flatMap((s) =>
			s.name === 'volunteer.register' && s.args.phone === '13800000001' ? [s.args.id] : []
		);
		const checkIns = data.steps.flatMap((s) => (s.name === 'attendance.checkIn' ? [s.args] : []));
		expect(checkIns.some((args) => args.volunteerId === volunteer)).toBe(true);
		const pastShifts = new Set(
			data.steps.flatMap((s) =>
				s.name === 'shift.add' && s.args.projectId === data.pastProjectId ? [s.args.id] : []
			)
		);
		const verified = data.steps.flatMap((s) => (s.name === 'attendance.verify' ? [s.args] : []));
		expect(verified.filter((v) => pastShifts.has(v.shiftId))).toHaveLength(1);
	});
});
