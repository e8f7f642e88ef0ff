/**
 * Notices when nobody has touched the device for a while. Every pointer, touch or key counts as
 * activity; the time of the last one is kept with the tab's unlocked state (unlocked.ts), so a
 * reload neither resets nor extends it.
 */
import { readUnlocked, touchUnlocked } from './unlocked';

const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'touchstart', 'wheel'] as const;
/** Activity is written at most this often: a moving mouse fires many events a second. */
const WRITE_EVERY_MS = 2_000;
const CHECK_EVERY_MS = 5_000;

/** Calls `onIdle` once after `minutes` without activity. Returns the way to stop watching. */
export function watchIdle(minutes: number, onIdle: () => void): () => void {
	const limit = minutes * 60_000;
	let lastWrite = 0;
	let fired = false;
	const active = () => {
		const now = Date.now();
		if (now - lastWrite < WRITE_EVERY_MS) return;
		lastWrite = now;
		touchUnlocked(now);
	};
	const check = () => {
		const unlocked = readUnlocked();
		if (fired || (unlocked && Date.now() - unlocked.lastActivity < limit)) return;
		fired = true;
		onIdle();
	};
	const visible = () => document.visibilityState === 'visible' && check();
	for (const type of ACTIVITY_EVENTS) {
		window.addEventListener(type, active, { passive: true, capture: true });
	}
	document.addEventListener('visibilitychange', visible);
	const timer = setInterval(check, CHECK_EVERY_MS);
	return () => {
		clearInterval(timer);
		document.removeEventListener('visibilitychange', visible);
		for (const type of ACTIVITY_EVENTS) {
			window.removeEventListener(type, active, { capture: true });
		}
	};
}
