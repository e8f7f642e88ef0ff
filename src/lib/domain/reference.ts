/** Reference data shared by every device and the server. Codes are stable; names are for display. */

export const districts = [
	{ code: 'dongcheng', zh: '东城区', en: 'Dongcheng' },
	{ code: 'xicheng', zh: '西城区', en: 'Xicheng' },
	{ code: 'chaoyang', zh: '朝阳区', en: 'Chaoyang' },
	{ code: 'haidian', zh: '海淀区', en: 'Haidian' },
	{ code: 'fengtai', zh: '丰台区', en: 'Fengtai' },
	{ code: 'shijingshan', zh: '石景山区', en: 'Shijingshan' },
	{ code: 'mentougou', zh: '门头沟区', en: 'Mentougou' },
	{ code: 'fangshan', zh: '房山区', en: 'Fangshan' },
	{ code: 'tongzhou', zh: '通州区', en: 'Tongzhou' },
	{ code: 'shunyi', zh: '顺义区', en: 'Shunyi' },
	{ code: 'changping', zh: '昌平区', en: 'Changping' },
	{ code: 'daxing', zh: '大兴区', en: 'Daxing' },
	{ code: 'huairou', zh: '怀柔区', en: 'Huairou' },
	{ code: 'pinggu', zh: '平谷区', en: 'Pinggu' },
	{ code: 'miyun', zh: '密云区', en: 'Miyun' },
	{ code: 'yanqing', zh: '延庆区', en: 'Yanqing' }
] as const;

export type DistrictCode = (typeof districts)[number]['code'];
export const districtCodes = districts.map((d) => d.code) as [DistrictCode, ...DistrictCode[]];

/** Skill and service categories; a project's category and a volunteer's skills use the same codes. */
export const categories = [
	'elderly_care',
	'childcare',
	'tutoring',
	'legal_aid',
	'psychological_support',
	'first_aid',
	'health_promotion',
	'heritage_guiding',
	'translation',
	'community_safety',
	'emergency_response'
] as const;
export type Category = (typeof categories)[number];

export const stationLevels = ['national', 'municipal', 'district', 'community'] as const;
export type StationLevel = (typeof stationLevels)[number];

export const languages = ['zh', 'en', 'ja', 'ko', 'fr', 'de', 'ru', 'es', 'sign'] as const;
export type Language = (typeof languages)[number];

/** Whether a station takes new projects and members: suspended for a while, or closed for good. */
export const stationStatuses = ['open', 'suspended', 'closed'] as const;
export type StationStatus = (typeof stationStatuses)[number];

/**
 * Every version of the privacy notice ever shown, oldest first. A consent names the version it
 * was given to; a member whose version is not the newest is asked again. A registration queued on
 * a device before an update still names an older version: it is kept (she is asked again later),
 * while a version nobody ever published is refused.
 */
export const privacyNoticeVersions = ['2026-01', '2026-05'] as const;
export type PrivacyNoticeVersion = (typeof privacyNoticeVersions)[number];
/** The privacy notice version new consents are given to. */
export const PRIVACY_NOTICE_VERSION: PrivacyNoticeVersion = '2026-05';

export const isKnownNoticeVersion = (version: string): version is PrivacyNoticeVersion =>
	(privacyNoticeVersions as readonly string[]).includes(version);

/**
 * What an emergency asks of volunteers (值班备勤, 防汛宣传, 巡逻警戒, 隐患排查 and the rest): a
 * member's emergency skills and a call-out's roles use the same codes. Roles that need training
 * (`skilledEmergencyRoles`) go only to members who have the skill; the others to anyone ready.
 */
export const emergencyRoles = [
	'duty',
	'publicity',
	'patrol',
	'hazard_check',
	'first_aid',
	'logistics',
	'care_visits',
	'search'
] as const;
export type EmergencyRole = (typeof emergencyRoles)[number];
export const skilledEmergencyRoles: readonly EmergencyRole[] = ['hazard_check', 'first_aid'];

/** The week's days, Monday first, and the parts of a day a member says she can come. */
export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];
export const dayParts = ['morning', 'afternoon', 'evening', 'night'] as const;
export type DayPart = (typeof dayParts)[number];
/** Where each part of a day begins, in Beijing hours; night runs on to the next morning. */
export const dayPartStarts: Record<DayPart, number> = {
	morning: 6,
	afternoon: 12,
	evening: 18,
	night: 22
};
/** One cell of the weekly grid, e.g. `mon_evening`. */
export type WeekSlot = `${Weekday}_${DayPart}`;
export const weekSlots = weekdays.flatMap((day) =>
	dayParts.map((part) => `${day}_${part}` as WeekSlot)
) as [WeekSlot, ...WeekSlot[]];

/** How pressing a call-out is. */
export const calloutUrgencies = ['normal', 'urgent', 'critical'] as const;
export type CalloutUrgency = (typeof calloutUrgencies)[number];

/** What kind of body a social organization paired with a station or team is. */
export const organizationTypes = [
	'social_organization',
	'enterprise',
	'public_institution',
	'community_group',
	'other'
] as const;
export type OrganizationType = (typeof organizationTypes)[number];

/** One-to-one pairings of a volunteer with a person she helps (结对帮扶). */
export const carePairingKinds = ['caring_mother', 'elderly_companion', 'other'] as const;
export type CarePairingKind = (typeof carePairingKinds)[number];
