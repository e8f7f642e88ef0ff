/**
 * A federation's figures (`GET /api/figures`), fetched for the signed-in staff account and kept on
 * this device: the last answer to each question (a scope and a period) stays in the account's
 * database, so the dashboards open offline with the copy they last saw and say how old it is.
 *
 * A failed fetch never loses the kept copy: offline, a refusal, or an answer that does not read as
 * `FiguresAnswer` (or answers another question) leaves it as it was and says why.
 */
import { ACCOUNT_HEADER, type AccountInfo } from '$lib/domain/accounts';
import {
	figuresAnswerSchema,
	figuresSearch,
	type FigurePeriod,
	type FigureScope,
	type FiguresAnswer
} from '$lib/domain/figures';
import type { LocalDb } from './db';

export interface KeptAnswer {
	answer: FiguresAnswer;
	/** When this device received it. */
	keptAt: string;
}

export type FiguresOutcome =
	| { ok: true; kept: KeptAnswer }
	| {
			ok: false;
			/** `offline`, `invalid_response`, or the server's refusal (`forbidden`, `invalid`...). */
			code: string;
			/** The copy kept from before, if any: what the screen goes on showing. */
			kept: KeptAnswer | null;
	  };

/** The question as text: the kept copy's key. */
export function figuresKey(scope: FigureScope, period: FigurePeriod): string {
	return figuresSearch(scope, period).toString();
}

/** The account's own scope: the city, her district, or her station; none for a volunteer. */
export function ownFigureScope(
	info: Pick<AccountInfo, 'role' | 'district' | 'stationId'>
): FigureScope | null {
	if (info.role === 'city_admin') return { level: 'city' };
	if (info.role === 'district_admin' && info.district)
		return { level: 'district', district: info.district };
	if (info.role === 'station_worker' && info.stationId)
		return { level: 'station', stationId: info.stationId };
	return null;
}

/** Whether an answer is the one asked for (same unit, same period). */
export function answers(answer: FiguresAnswer, scope: FigureScope, period: FigurePeriod): boolean {
	return answer.period === period && figuresKey(answer.scope, period) === figuresKey(scope, period);
}

/** The copy kept for this question, read back and checked; null when there is none (or unreadable). */
export async function keptFigures(
	db: LocalDb,
	scope: FigureScope,
	period: FigurePeriod
): Promise<KeptAnswer | null> {
	const row = await db.figures.get(figuresKey(scope, period));
	if (!row) return null;
	const parsed = figuresAnswerSchema.safeParse(row.answer);
	return parsed.success && answers(parsed.data, scope, period)
		? { answer: parsed.data, keptAt: row.keptAt }
		: null;
}

export interface FetchOptions {
	fetcher?: (input: string, init: RequestInit) => Promise<Response>;
	now?: () => Date;
}

/** Asks the server, keeps a good answer in place of the old one, and says what happened. */
export async function fetchFigures(
	db: LocalDb,
	accountId: string,
	scope: FigureScope,
	period: FigurePeriod,
	{ fetcher = (input, init) => fetch(input, init), now = () => new Date() }: FetchOptions = {}
): Promise<FiguresOutcome> {
	const failed = async (code: string): Promise<FiguresOutcome> => ({
		ok: false,
		code,
		kept: await keptFigures(db, scope, period)
	});
	let response: Response;
	try {
		response = await fetcher(`/api/figures?${figuresSearch(scope, period)}`, {
			method: 'GET',
			credentials: 'same-origin',
			headers: { [ACCOUNT_HEADER]: accountId }
		});
	} catch {
		return failed('offline');
	}
	let body: unknown = null;
	try {
		body = await response.json();
	} catch {
		// not JSON: a gateway's page, or the service worker's offline answer
	}
	if (!response.ok) {
		const code = (body as { code?: unknown } | null)?.code;
		if (response.status >= 500) return failed('offline');
		return failed(typeof code === 'string' ? code : 'invalid_response');
	}
	const parsed = figuresAnswerSchema.safeParse(body);
	if (!parsed.success || !answers(parsed.data, scope, period)) return failed('invalid_response');
	const kept: KeptAnswer = { answer: parsed.data, keptAt: now().toISOString() };
	await db.figures.put({
		key: figuresKey(scope, period),
		period,
		answer: parsed.data,
		keptAt: kept.keptAt
	});
	return { ok: true, kept };
}
