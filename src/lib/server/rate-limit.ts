/**
 * In-memory attempt limits (one server process). Each key keeps the times of its last `limit`
 * attempts; when all of them fall within the window, the key waits until the oldest leaves it.
 * Restarting the server forgets the counts, which only ever errs towards letting people in.
 */

export type Clock = () => number;

export class AttemptLimit {
	readonly #attempts = new Map<string, number[]>();
	#sinceSweep = 0;

	constructor(
		readonly limit: number,
		readonly windowMs: number,
		private readonly now: Clock = Date.now
	) {}

	/** Seconds until this key may try again, or 0 when it may try now. */
	retryAfter(key: string): number {
		const recent = this.#recent(key);
		if (recent.length < this.limit) return 0;
		return Math.max(1, Math.ceil((recent[0]! + this.windowMs - this.now()) / 1000));
	}

	record(key: string): void {
		const recent = this.#recent(key);
		recent.push(this.now());
		if (recent.length > this.limit) recent.shift();
		this.#attempts.set(key, recent);
		if (++this.#sinceSweep >= 1000) this.#sweep();
	}

	reset(key: string): void {
		this.#attempts.delete(key);
	}

	#recent(key: string): number[] {
		const since = this.now() - this.windowMs;
		const kept = (this.#attempts.get(key) ?? []).filter((t) => t > since);
		if (kept.length === 0) this.#attempts.delete(key);
		return kept;
	}

	/** Forgets keys whose attempts have all left the window, so memory follows recent traffic. */
	#sweep() {
		this.#sinceSweep = 0;
		const since = this.now() - this.windowMs;
		for (const [key, times] of this.#attempts) {
			if (times.every((t) => t <= since)) this.#attempts.delete(key);
		}
	}
}

const MINUTE = 60_000;

/**
 * Failed sign-ins, counted per login (whichever address tries it) and per client address
 * (whichever logins it tries). Either over its limit turns the attempt away before any password
 * is checked; a successful sign-in clears its login's count.
 */
export class SignInLimits {
	readonly perLogin: AttemptLimit;
	readonly perAddress: AttemptLimit;

	constructor(now: Clock = Date.now) {
		this.perLogin = new AttemptLimit(5, 15 * MINUTE, now);
		this.perAddress = new AttemptLimit(30, 15 * MINUTE, now);
	}

	retryAfter(login: string, address: string): number {
		return Math.max(this.perLogin.retryAfter(login), this.perAddress.retryAfter(address));
	}

	failed(login: string, address: string): void {
		this.perLogin.record(login);
		this.perAddress.record(address);
	}

	succeeded(login: string): void {
		this.perLogin.reset(login);
	}
}

/** The server's own limits. Tests move time with a fake `Date.now`. */
export const signInLimits = new SignInLimits(() => Date.now());

/**
 * Self-registrations per client address: each attempt that reaches the database counts, since a
 * "phone taken" answer tells whether a number is registered.
 */
export const registrationLimit = new AttemptLimit(20, 60 * MINUTE, () => Date.now());
