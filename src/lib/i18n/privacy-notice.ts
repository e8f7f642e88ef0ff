/**
 * The privacy notice as shown where a consent is given: it names the data controller, the women's
 * federation of the district whose station keeps the record (PIPL art. 17), and its version.
 */
import { PRIVACY_NOTICE_VERSION } from '$lib/domain/reference';
import { m } from '$lib/paraglide/messages';
import { districtName } from './labels';

/** The controller: a district's women's federation, or the city's when no district is known yet. */
export function dataController(district: string | null | undefined): string {
	return district
		? m.privacy_controller_district({ district: districtName(district) })
		: m.privacy_controller_unknown();
}

/** The current notice's text for a station (or, before one is chosen, a district). */
export function privacyNotice(
	district: string | null | undefined,
	station?: string | null
): string {
	const controller = dataController(district);
	return m.privacy_notice_text({
		controller,
		station: station ? m.privacy_notice_station({ station }) : '',
		version: PRIVACY_NOTICE_VERSION
	});
}
