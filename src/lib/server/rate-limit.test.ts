import { describe, expect, it } from 'vitest';
import { AttemptLimit, SignInLimits } from './rate-limit';

const MINUTE = 60_000;

function clock(start = Date.parse('2026-03-01T00:00:00Z')) {
	let t = start;
	return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('AttemptLimit', () => {
	it('lets `limit` attempts through per window, then says how long to wait', () => {
		const c = clock();
		const limit = new AttemptLimit(3, 10 * MINUTE, c.now);
		for (let i = 0; i < 3; i++) {
			expect(limit.retryAfter('a')).toBe(0);
			limit.record('a');
			c.advance(MINUTE);
		}
		// The first attempt leaves the window 10 minutes after it was made: 7 minutes from now.
		expect(limit.retryAfter('a')).toBe(7 * 60);
		expect(limit.retryAfter('b')).toBe(0);
		c.advance(7 * MINUTE);
		expect(limit.retryAfter('a')).toBe(0);
	});

	it('forgets a key on reset', () => {
		const c = clock();
		const limit = new AttemptLimit(2, MINUTE, c.now);
		limit.record('a');
		limit.record('a');
		expect(limit.retryAfter('a')).toBeGreaterThan(0);
		limit.reset('a');
		expect(limit.retryAfter('a')).toBe(0);
	});
});

describe('SignInLimits', () => {
	it('turns a login away after 5 failures in 15 minutes, from any address', () => {
		const c = clock();
		const limits = new SignInLimits(c.now);
		for (let i = 0; i < 5; i++) limits.failed('xizongbu', `10.0.0.${i}`);
		expect(limits.retryAfter('xizongbu', '10.0.0.99')).toBe(15 * 60);
		expect(limits.retryAfter('beijing', '10.0.0.99')).toBe(0);
		c.advance(15 * MINUTE);
		expect(limits.retryAfter('xizongbu', '10.0.0.99')).toBe(0);
	});

	it('turns an address away after 30 failures in 15 minutes, whatever logins it tries', () => {
		const c = clock();
		const limits = new SignInLimits(c.now);
		for (let i = 0; i < 30; i++) limits.failed(`user${i}`, '10.0.0.1');
		expect(limits.retryAfter('someone-else', '10.0.0.1')).toBeGreaterThan(0);
		expect(limits.retryAfter('someone-else', '10.0.0.2')).toBe(0);
	});

	it('clears a login’s failures when it signs in', () => {
		const limits = new SignInLimits(clock().now);
		for (let i = 0; i < 4; i++) limits.failed('xizongbu', '10.0.0.1');
		limits.succeeded('xizongbu');
		limits.failed('xizongbu', '10.0.0.1');
		expect(limits.retryAfter('xizongbu', '10.0.0.1')).toBe(0);
	});
});
