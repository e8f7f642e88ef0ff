/**
 * The stations someone registering herself may choose (open ones, from the server: she has no
 * data on her phone yet), nearest first: her own community's, then her district's by street, then
 * the rest by district.
 */
import * as z from 'zod/mini';
import { districtCodes } from '$lib/domain/reference';
import { compareNames } from '$lib/domain/order';

const choiceSchema = z.object({
	id: z.string(),
	name: z.string(),
	district: z.enum(districtCodes),
	street: z.string(),
	community: z.string()
});
export type StationChoice = z.infer<typeof choiceSchema>;

const answerSchema = z.object({ stations: z.array(choiceSchema) });

export async function fetchStationChoices(
	fetcher: typeof fetch = (input, init) => fetch(input, init)
): Promise<StationChoice[] | null> {
	try {
		const response = await fetcher('/api/stations/choices', { credentials: 'same-origin' });
		if (!response.ok) return null;
		const parsed = answerSchema.safeParse(await response.json());
		return parsed.success ? parsed.data.stations : null;
	} catch {
		return null;
	}
}

/** Nearest first, by what she typed: the same community, the same district, then the rest. */
export function nearestFirst(
	stations: readonly StationChoice[],
	district: string,
	community: string
): StationChoice[] {
	const typed = community.trim();
	const closeness = (s: StationChoice) =>
		s.district === district && typed && (s.community === typed || typed.includes(s.community))
			? 0
			: s.district === district
				? 1
				: 2;
	return [...stations].sort(
		(a, b) =>
			closeness(a) - closeness(b) ||
			districtCodes.indexOf(a.district) - districtCodes.indexOf(b.district) ||
			compareNames(a.street, b.street) ||
			compareNames(a.name, b.name)
	);
}
