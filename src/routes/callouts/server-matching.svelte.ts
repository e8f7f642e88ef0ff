/**
 * An admin's matching on the server, for the criteria a screen shows: asked again shortly after
 * they stop changing, and only the latest question's answer kept. Without the network it says
 * so (`offline`), and the screen lists what the device holds.
 */
import type { CalloutCriteria, ServerMatchAnswer } from '$lib/domain/emergency';
import { matchOnServer } from '$lib/client/online/callouts';

export type ServerMatchState = 'idle' | 'loading' | 'ready' | 'offline' | 'failed';

/** How long the criteria must stay the same before the server is asked. */
const SETTLE_MS = 600;

export class ServerMatching {
	#state = $state<ServerMatchState>('idle');
	#answer = $state.raw<ServerMatchAnswer | null>(null);
	#asked = 0;
	#timer: ReturnType<typeof setTimeout> | undefined;

	get state() {
		return this.#state;
	}

	/** The latest answer; null unless `state` is `ready`. */
	get answer() {
		return this.#answer;
	}

	/** Asks about these criteria once they settle; null forgets any answer (criteria incomplete). */
	ask(criteria: CalloutCriteria | null) {
		clearTimeout(this.#timer);
		const question = ++this.#asked;
		if (!criteria) {
			this.#state = 'idle';
			this.#answer = null;
			return;
		}
		this.#state = 'loading';
		this.#timer = setTimeout(() => void this.#run(question, criteria), SETTLE_MS);
	}

	stop() {
		clearTimeout(this.#timer);
		this.#asked++;
	}

	async #run(question: number, criteria: CalloutCriteria) {
		const result = await matchOnServer(criteria);
		if (question !== this.#asked) return;
		if (result.ok) {
			this.#answer = result.data;
			this.#state = 'ready';
		} else {
			this.#answer = null;
			this.#state = result.code === 'offline' ? 'offline' : 'failed';
		}
	}
}
