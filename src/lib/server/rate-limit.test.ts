import { describe, expect, it } from 'vitest';
import { testServer } from '$lib/testing/harness';
import {
	admit,
	forget,
	oneAtATime,
	signInPerAddress,
	signInPerLogin,
	sweep,
	withdraw,
	type Limit
} from './rate-limit';

const MINUTE = 60_000;
const T = Date.parse('2026-03-01T00:00:00Z');
const limit = (key: string, max = 3, windowMs = 10 * MINUTE): Limit => ({
	kind: 'test',
	key,
	limit: max,
	windowMs
});

describe('admit', () => {
	it('lets `limit` attempts through per window, then says how long to wait', async () => {
		const db = await testServer();
		for (let i = 0; i < 3; i++) {
			expect(await admit(db, [limit('a')], T + i * MINUTE)).toMatchObject({ ok: true });
		}
		// The first attempt leaves the window 10 minutes after it was made: 7 minutes from now.
		expect(await admit(db, [limit('a')], T + 3 * MINUTE)).toEqual({
			ok: false,
			retryAfter: 7 * 60
		});
		expect(await admit(db, [limit('b')], T + 3 * MINUTE)).toMatchObject({ ok: true });
		expect(await admit(db, [limit('a')], T + 10 * MINUTE)).toMatchObject({ ok: true });
	});

	it('counts nothing for an attempt it turns away', async () => {
		const db = await testServer();
		await admit(db, [limit('a', 1)], T);
		for (let i = 1; i <= 5; i++) await admit(db, [limit('a', 1)], T + i * MINUTE);
		// Only the first attempt counts, so the wait ends 10 minutes after it, not after the last.
		expect(await admit(db, [limit('a', 1)], T + 10 * MINUTE)).toMatchObject({ ok: true });
	});

	it('admits exactly `limit` of a burst sent at once, before any of them is checked', async () => {
		const db = await testServer();
		const burst = await Promise.all(
			Array.from({ length: 41 }, () => admit(db, [signInPerLogin('xizongbu')], T))
		);
		expect(burst.filter((a) => a.ok)).toHaveLength(5);
		expect(burst.filter((a) => !a.ok)).toHaveLength(36);
	});

	it('turns an attempt away when any of its limits is full, and counts it on none', async () => {
		const db = await testServer();
		for (let i = 0; i < 30; i++) await admit(db, [signInPerAddress('198.51.100.7')], T);
		const both = [signInPerLogin('chaoyang1'), signInPerAddress('198.51.100.7')];
		expect(await admit(db, both, T)).toMatchObject({ ok: false });
		// chaoyang1's own count is untouched: from a browser exempt from the address limit she gets in.
		for (let i = 0; i < 5; i++) {
			expect(await admit(db, [signInPerLogin('chaoyang1')], T)).toMatchObject({ ok: true });
		}
	});

	it('forgets a key, and takes one attempt back from every limit it counted on', async () => {
		const db = await testServer();
		const first = await admit(db, [limit('a', 2), limit('b', 2)], T);
		await admit(db, [limit('a', 2), limit('b', 2)], T);
		expect(await admit(db, [limit('b', 2)], T)).toMatchObject({ ok: false });
		if (!first.ok) throw new Error('first attempt refused');
		await withdraw(db, first.attemptId);
		expect(await admit(db, [limit('b', 2)], T)).toMatchObject({ ok: true });
		await forget(db, 'test', 'a');
		expect(await admit(db, [limit('a', 2)], T)).toMatchObject({ ok: true });
	});

	it('sweeps attempts no window counts any more', async () => {
		const db = await testServer();
		await admit(db, [limit('a')], T);
		await admit(db, [limit('a')], T + 59 * MINUTE);
		await sweep(db, T + 61 * MINUTE);
		const left = await db.selectFrom('attempts').select('at_ms').execute();
		expect(left.map((r) => Number(r.at_ms))).toEqual([T + 59 * MINUTE]);
	});
});

describe('oneAtATime', () => {
	it('runs checks of one key one after another, and of different keys side by side', async () => {
		const log: string[] = [];
		const check = (name: string, ms: number) => async () => {
			log.push(`start ${name}`);
			await new Promise((r) => setTimeout(r, ms));
			log.push(`end ${name}`);
			return name;
		};
		const results = await Promise.all([
			oneAtATime('x', check('x1', 20)),
			oneAtATime('x', check('x2', 1)),
			oneAtATime('y', check('y1', 5))
		]);
		expect(results).toEqual(['x1', 'x2', 'y1']);
		expect(log.indexOf('end x1')).toBeLessThan(log.indexOf('start x2'));
		expect(log.indexOf('start y1')).toBeLessThan(log.indexOf('end x1'));
	});

	it('goes on with the next check after one fails', async () => {
		const failing = oneAtATime('z', () => Promise.reject(new Error('boom')));
		const next = oneAtATime('z', () => Promise.resolve('ok'));
		await expect(failing).rejects.toThrow('boom');
		expect(await next).toBe('ok');
	});
});
