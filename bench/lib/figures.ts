/** One line of the benchmark's table, and the arithmetic behind it. */

export type Unit = 'ms' | 'KB' | 'records/s' | 'mutations/s' | 'requests/s';

export interface Figure {
	/** Which of the figures this line belongs to, e.g. `3a`. */
	id: string;
	name: string;
	what: string;
	/** How much data, e.g. `10,000 members`. */
	size: string;
	unit: Unit;
	/** How many measurements the median and the tail come from. */
	runs: number;
	p50: number | null;
	tail: number | null;
	tailLabel: 'p95' | 'p99';
	baseline: { what: string; p50: number | null } | null;
	/**
	 * How many times slower than the baseline: p50 / baseline for times and sizes, baseline / p50
	 * for rates. Above 1 means slower (or bigger) than the baseline.
	 */
	ratio: number | null;
	/** Why a figure is missing, or what else the run saw (errors, counts). */
	note?: string;
}

const rates: Unit[] = ['records/s', 'mutations/s', 'requests/s'];

/** The value at quantile q (0..1) of the samples, by nearest rank. */
export function quantile(samples: number[], q: number): number | null {
	if (samples.length === 0) return null;
	const sorted = [...samples].sort((a, b) => a - b);
	const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
	return sorted[rank - 1] ?? null;
}

export function ratioOf(unit: Unit, value: number | null, baseline: number | null): number | null {
	if (value === null || baseline === null || value === 0 || baseline === 0) return null;
	return rates.includes(unit) ? baseline / value : value / baseline;
}

export interface FigureInput {
	id: string;
	name: string;
	what: string;
	size: string;
	unit: Unit;
	samples: number[];
	tailLabel?: 'p95' | 'p99';
	baseline?: { what: string; samples: number[] } | { what: string; value: number };
	note?: string;
}

/** A figure from its samples (and its baseline's): median, tail, ratio. */
export function figure(input: FigureInput): Figure {
	const tailLabel = input.tailLabel ?? 'p95';
	const p50 = quantile(input.samples, 0.5);
	const baselineP50 = !input.baseline
		? null
		: 'value' in input.baseline
			? input.baseline.value
			: quantile(input.baseline.samples, 0.5);
	return {
		id: input.id,
		name: input.name,
		what: input.what,
		size: input.size,
		unit: input.unit,
		runs: input.samples.length,
		p50,
		tail: quantile(input.samples, tailLabel === 'p99' ? 0.99 : 0.95),
		tailLabel,
		baseline: input.baseline ? { what: input.baseline.what, p50: baselineP50 } : null,
		ratio: ratioOf(input.unit, p50, baselineP50),
		...(input.note ? { note: input.note } : {})
	};
}

/** A figure that could not be measured, with the reason. */
export function missing(
	input: Omit<FigureInput, 'samples' | 'baseline'> & { baselineWhat?: string; reason: string }
): Figure {
	return {
		id: input.id,
		name: input.name,
		what: input.what,
		size: input.size,
		unit: input.unit,
		runs: 0,
		p50: null,
		tail: null,
		tailLabel: input.tailLabel ?? 'p95',
		baseline: input.baselineWhat ? { what: input.baselineWhat, p50: null } : null,
		ratio: null,
		note: input.reason
	};
}

function formatValue(value: number | null, unit: Unit): string {
	if (value === null) return 'n/a';
	const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
	const number = value.toLocaleString('en-US', {
		minimumFractionDigits: digits,
		maximumFractionDigits: digits
	});
	return `${number} ${unit}`;
}

/** The table printed at the end of a run and pasted into bench/README.md (Markdown). */
export function table(figures: Figure[]): string {
	const header = [
		'#',
		'figure',
		'what',
		'size',
		'runs',
		'p50',
		'p95 / p99',
		'baseline p50',
		'ratio'
	];
	const rows = figures.map((f) => [
		f.id,
		f.name,
		f.what,
		f.size,
		String(f.runs),
		formatValue(f.p50, f.unit),
		f.tail === null ? 'n/a' : `${f.tailLabel} ${formatValue(f.tail, f.unit)}`,
		f.baseline ? `${formatValue(f.baseline.p50, f.unit)} (${f.baseline.what})` : '—',
		f.ratio === null ? '—' : `${f.ratio.toFixed(f.ratio >= 10 ? 0 : 2)}×`
	]);
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
	const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
	return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** The timed figure furthest above its baseline (sizes left out: they are not speeds). */
export function slowestRelative(figures: Figure[]): Figure | null {
	return figures.reduce<Figure | null>(
		(worst, f) =>
			f.unit !== 'KB' && f.ratio !== null && (!worst || f.ratio > (worst.ratio ?? 0)) ? f : worst,
		null
	);
}
