/**
 * One screen's figures: the copy kept on this device at once, then the server's answer when it
 * comes. `show` may be called again for another scope or period; a late answer to an earlier
 * question is dropped.
 */
import type { FigurePeriod, FigureScope } from '$lib/domain/figures';
import type { LocalDb } from '$lib/client/data/db';
import { fetchFigures, keptFigures, type KeptAnswer } from '$lib/client/data/figures';

export class FiguresView {
	#db: LocalDb;
	#accountId: string;
	#asked = 0;
	#kept = $state.raw<KeptAnswer | null>(null);
	#ready = $state(false);
	#asking = $state(false);
	#fresh = $state(false);
	#problem = $state<string | null>(null);

	constructor(db: LocalDb, accountId: string) {
		this.#db = db;
		this.#accountId = accountId;
	}

	/** The answer shown: the server's from this visit, or the copy kept before. */
	get kept() {
		return this.#kept;
	}
	/** False until the device's copy (or its absence) is known. */
	get ready() {
		return this.#ready;
	}
	/** Asking the server now. */
	get asking() {
		return this.#asking;
	}
	/** The answer shown came from the server on this visit. */
	get fresh() {
		return this.#fresh;
	}
	/** Why the last ask failed (`offline`, `invalid_response`, `forbidden`...), if it did. */
	get problem() {
		return this.#problem;
	}

	async show(scope: FigureScope, period: FigurePeriod): Promise<void> {
		const asked = ++this.#asked;
		this.#ready = false;
		this.#asking = true;
		this.#fresh = false;
		this.#problem = null;
		const kept = await keptFigures(this.#db, scope, period);
		if (asked !== this.#asked) return;
		this.#kept = kept;
		this.#ready = true;
		const outcome = await fetchFigures(this.#db, this.#accountId, scope, period);
		if (asked !== this.#asked) return;
		this.#asking = false;
		this.#kept = outcome.kept;
		this.#fresh = outcome.ok;
		this.#problem = outcome.ok ? null : outcome.code;
	}
}
