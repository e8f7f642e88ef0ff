import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IdleTimer, secondsLeft } from './timing';

describe('the idle timer', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	it('fires once the time passes without a touch, and only once', () => {
		const onIdle = vi.fn();
		const timer = new IdleTimer(60_000, onIdle);
		timer.touch();
		vi.advanceTimersByTime(59_999);
		expect(onIdle).not.toHaveBeenCalled();
		vi.advanceTimersByTime(1);
		expect(onIdle).toHaveBeenCalledTimes(1);
		vi.advanceTimersByTime(120_000);
		expect(onIdle).toHaveBeenCalledTimes(1);
	});

	it('waits again from each touch', () => {
		const onIdle = vi.fn();
		const timer = new IdleTimer(60_000, onIdle);
		timer.touch();
		vi.advanceTimersByTime(50_000);
		timer.touch();
		vi.advanceTimersByTime(50_000);
		expect(onIdle).not.toHaveBeenCalled();
		vi.advanceTimersByTime(10_000);
		expect(onIdle).toHaveBeenCalledTimes(1);
	});

	it('does nothing once stopped', () => {
		const onIdle = vi.fn();
		const timer = new IdleTimer(1_000, onIdle);
		timer.touch();
		timer.stop();
		vi.advanceTimersByTime(5_000);
		expect(onIdle).not.toHaveBeenCalled();
	});
});

describe('a countdown', () => {
	it('rounds up to whole seconds and stops at zero', () => {
		expect(secondsLeft(30_000, 0)).toBe(30);
		expect(secondsLeft(30_000, 1)).toBe(30);
		expect(secondsLeft(30_000, 29_001)).toBe(1);
		expect(secondsLeft(30_000, 30_000)).toBe(0);
		expect(secondsLeft(30_000, 99_000)).toBe(0);
	});
});
