/**
 * Display names of reference codes (districts, categories, statuses...) in the user's language.
 * The domain stores codes only; every screen names them through these functions.
 */
import { m } from '$lib/paraglide/messages';
import { districts, type Language, type StationLevel } from '$lib/domain/reference';
import type { ProjectStatus, SignupStatus, VolunteerStatus } from '$lib/domain/schemas';
import { getLocale } from './locale';

export function districtName(code: string): string {
	const district = districts.find((d) => d.code === code);
	if (!district) return code;
	return getLocale() === 'zh' ? district.zh : district.en;
}

const languageNames: Record<Language, () => string> = {
	zh: m.common_language_zh,
	en: m.common_language_en,
	ja: m.common_language_ja,
	ko: m.common_language_ko,
	fr: m.common_language_fr,
	de: m.common_language_de,
	ru: m.common_language_ru,
	es: m.common_language_es,
	sign: m.common_language_sign
};

export function languageName(code: Language): string {
	return languageNames[code]?.() ?? code;
}

const stationLevelNames: Record<StationLevel, () => string> = {
	national: m.station_level_national,
	municipal: m.station_level_municipal,
	district: m.station_level_district,
	community: m.station_level_community
};

export function stationLevelName(level: StationLevel): string {
	return stationLevelNames[level]?.() ?? level;
}

const memberStatusNames: Record<VolunteerStatus, () => string> = {
	pending: m.member_status_pending,
	active: m.member_status_active,
	inactive: m.member_status_inactive
};

export function memberStatusName(status: VolunteerStatus): string {
	return memberStatusNames[status]?.() ?? status;
}

const projectStatusNames: Record<ProjectStatus, () => string> = {
	draft: m.common_project_status_draft,
	published: m.common_project_status_published,
	closed: m.common_project_status_closed,
	cancelled: m.common_project_status_cancelled
};

export function projectStatusName(status: ProjectStatus): string {
	return projectStatusNames[status]?.() ?? status;
}

const signupStatusNames: Record<SignupStatus, () => string> = {
	pending: m.common_signup_status_pending,
	confirmed: m.common_signup_status_confirmed,
	waitlisted: m.common_signup_status_waitlisted,
	cancelled: m.common_signup_status_cancelled,
	checked_in: m.common_signup_status_checked_in,
	completed: m.common_signup_status_completed,
	no_show: m.common_signup_status_no_show
};

export function signupStatusName(status: SignupStatus): string {
	return signupStatusNames[status]?.() ?? status;
}
