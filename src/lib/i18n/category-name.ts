/** A category's (or skill's) name in the user's language; codes are in `$lib/domain/reference`. */
import type { Category } from '$lib/domain/reference';
import { m } from '$lib/paraglide/messages';

const names: Record<Category, () => string> = {
	elderly_care: () => m.category_elderly_care(),
	childcare: () => m.category_childcare(),
	tutoring: () => m.category_tutoring(),
	legal_aid: () => m.category_legal_aid(),
	psychological_support: () => m.category_psychological_support(),
	first_aid: () => m.category_first_aid(),
	health_promotion: () => m.category_health_promotion(),
	heritage_guiding: () => m.category_heritage_guiding(),
	translation: () => m.category_translation(),
	community_safety: () => m.category_community_safety(),
	emergency_response: () => m.category_emergency_response()
};

export function categoryName(code: Category): string {
	return names[code]();
}
