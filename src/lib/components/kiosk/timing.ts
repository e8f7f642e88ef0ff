/**
 * Calls `onIdle` once `ms` pass without a `touch()`. The kiosk touches it on every tap and key, so
 * a half-filled form (or a half-typed PIN) is cleared before the next person walks up.
 */
export class IdleTimer {
	#timer: ReturnType<typeof setTimeout> | undefined;
	readonly #ms: number;
	readonly #onIdle: () => void;

	constructor(ms: number, onIdle: () => void) {
		this.#ms = ms;
		this.#onIdle = onIdle;
	}

	/** Starts the wait again from now. */
	touch() {
		this.stop();
		this.#timer = setTimeout(() => {
			this.#timer = undefined;
			this.#onIdle();
		}, this.#ms);
	}

	stop() {
		if (this.#timer !== undefined) clearTimeout(this.#timer);
		this.#timer = undefined;
	}
}

/** Whole seconds left until `until` (epoch ms), never below zero: for a countdown on screen. */
export function secondsLeft(until: number, now: number): number {
	return Math.max(0, Math.ceil((until - now) / 1000));
}
