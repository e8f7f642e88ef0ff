/**
 * A network between devices and the server that misbehaves on purpose, driven by a seeded random
 * source so that a failing run can be replayed. Per request it may: drop it before it reaches the
 * server, lose the answer after the server applied it, deliver it twice, hold it back and deliver
 * a copy much later (after newer requests), delay it so concurrent requests overtake each other,
 * kill the server while the request is being handled, or ask for small pages on a pull.
 *
 * Delays are counted in event-loop turns, not milliseconds: the run stays fast and replayable.
 */
import type { Fetch } from '$lib/client/data/sync';
import { seededRandom } from '$lib/domain/demo';

export interface FaultRates {
	drop: number;
	loseResponse: number;
	duplicate: number;
	/** Keep a copy to deliver later, after newer requests. */
	stale: number;
	/** Restart the server while this request is in flight. */
	crash: number;
	/** Most event-loop turns a request or an answer waits. */
	maxDelay: number;
}

export const defaultFaults: FaultRates = {
	drop: 0.1,
	loseResponse: 0.1,
	duplicate: 0.08,
	stale: 0.05,
	crash: 0.05,
	maxDelay: 6
};

export interface NetworkTarget {
	fetch: Fetch;
	restart(): Promise<void>;
}

type Random = ReturnType<typeof seededRandom>;

/** What a device sees when the network failed it. */
export class NetworkDown extends TypeError {
	constructor(reason: string) {
		super(`network: ${reason}`);
	}
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export class FaultyNetwork {
	/** When true, requests pass straight through: the network has healed. */
	healthy = false;
	/** What happened, request by request: printed with a failing run. */
	readonly events: string[] = [];
	readonly #target: NetworkTarget;
	readonly #random: Random;
	readonly #rates: FaultRates;
	#held: { url: string; init: RequestInit }[] = [];
	#count = 0;

	constructor(target: NetworkTarget, seed: number, rates: FaultRates = defaultFaults) {
		this.#target = target;
		this.#random = seededRandom(seed);
		this.#rates = rates;
	}

	#chance(p: number) {
		return this.#random.next() < p;
	}

	async #delay() {
		const turns = this.#random.int(0, this.#rates.maxDelay);
		for (let i = 0; i < turns; i++) await turn();
	}

	readonly fetch: Fetch = async (url, init) => {
		if (this.healthy) return this.#target.fetch(url, init);
		const n = ++this.#count;
		const what = url.slice(url.lastIndexOf('/') + 1);
		if (this.#chance(this.#rates.stale)) {
			this.#held.push({ url, init: { ...init } });
			this.events.push(`#${n} ${what}: copy held for later`);
		}
		await this.#delay();
		if (this.#chance(this.#rates.drop)) {
			this.events.push(`#${n} ${what}: dropped`);
			throw new NetworkDown('request dropped');
		}
		const crash = this.#chance(this.#rates.crash);
		const duplicate = this.#chance(this.#rates.duplicate);
		const lose = this.#chance(this.#rates.loseResponse);
		const crashAfter = this.#random.int(0, 400);
		const secondDelay = this.#random.int(0, this.#rates.maxDelay);
		const keepSecond = this.#chance(0.5);

		// Small pages, so that pulls take several rounds and a fault can fall between two pages.
		if (what === 'pull' && this.#chance(0.5)) init = this.#smallPages(init);
		const first = this.#target.fetch(url, init);
		const crashing = crash ? this.#crashSoon(n, what, crashAfter) : Promise.resolve();
		let answer: Promise<Response> = first;
		if (duplicate) {
			this.events.push(`#${n} ${what}: delivered twice`);
			const second = (async () => {
				for (let i = 0; i < secondDelay; i++) await turn();
				return this.#target.fetch(url, init);
			})();
			const [a, b] = await Promise.all([first, second]);
			answer = Promise.resolve(keepSecond ? b : a);
		}
		const response = await answer;
		await crashing;
		await this.#delay();
		if (lose) {
			this.events.push(`#${n} ${what}: answer ${response.status} lost`);
			throw new NetworkDown('response lost');
		}
		if (!response.ok) this.events.push(`#${n} ${what}: answered ${response.status}`);
		return response;
	};

	#smallPages(init: RequestInit): RequestInit {
		const body = JSON.parse(String(init.body)) as Record<string, unknown>;
		return { ...init, body: JSON.stringify({ ...body, limit: this.#random.int(1, 8) }) };
	}

	/**
	 * The server handles a request without giving up the event loop, so the kill is timed in
	 * microtask hops: a few hundred of them reach anywhere inside a push of several mutations.
	 */
	async #crashSoon(n: number, what: string, hops: number) {
		for (let i = 0; i < hops; i++) await Promise.resolve();
		this.events.push(`#${n} ${what}: server killed mid-request`);
		await this.#target.restart();
	}

	/** Delivers every held copy now, in random order; their answers go nowhere. */
	async deliverHeld(): Promise<void> {
		const held = this.#held;
		this.#held = [];
		const order = held.map((h) => ({ h, key: this.#random.next() })).sort((a, b) => a.key - b.key);
		for (const { h } of order) {
			this.events.push(`late copy of ${h.url.slice(h.url.lastIndexOf('/') + 1)} delivered`);
			await this.#target.fetch(h.url, h.init);
		}
	}
}
