/**
 * Fictional demo data from one seeded generator: the server's first start, the tests and the
 * benchmarks all use it. Ids are fixed for a given seed; times are laid out around `today` so
 * the shifts are upcoming whenever the data is loaded. Every record is made through the real
 * mutations, so counts and waitlists obey the same rules as live data.
 */
import type { ArgsOf, MutationName } from './mutations';
import {
	categories,
	districts,
	emergencyRoles,
	languages,
	PRIVACY_NOTICE_VERSION,
	privacyNoticeVersions,
	type Category
} from './reference';
import type { Station } from './schemas';

export interface DemoOptions {
	seed?: number;
	stations?: number;
	members?: number;
	projects?: number;
	/** Midnight (UTC) of the day the data is laid around. */
	today?: Date;
}

export type DemoStep = { [N in MutationName]: { name: N; args: ArgsOf<N> } }[MutationName];

/** Small, fast, seedable PRNG (mulberry32). */
export function seededRandom(seed: number) {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		next,
		int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
		pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
		some: <T>(items: readonly T[], max: number): T[] => {
			const count = 1 + Math.floor(next() * max);
			return [
				...new Set(
					Array.from({ length: count }, () => items[Math.floor(next() * items.length)] as T)
				)
			];
		},
		uuid: () => {
			const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16));
			hex[12] = '4';
			hex[16] = ((Math.floor(next() * 4) + 8) as number).toString(16);
			const h = hex.join('');
			return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
		}
	};
}

/** Residential communities per district (real place names; the stations in them are fictional). */
const communities: Record<string, string[]> = {
	dongcheng: ['西总布', '东四', '朝阳门', '和平里'],
	xicheng: ['什刹海', '月坛', '广安门内', '德胜'],
	chaoyang: ['望京', '三里屯', '潘家园', '亚运村'],
	haidian: ['中关村', '学院路', '万柳', '清河'],
	fengtai: ['方庄', '卢沟桥', '右安门', '马家堡'],
	shijingshan: ['八宝山', '古城', '鲁谷', '苹果园'],
	mentougou: ['大峪', '城子', '东辛房', '永定'],
	fangshan: ['良乡', '长阳', '城关', '窦店'],
	tongzhou: ['梨园', '永顺', '潞城', '宋庄'],
	shunyi: ['胜利', '石园', '光明', '仁和'],
	changping: ['回龙观', '天通苑', '城北', '南邵'],
	daxing: ['亦庄', '黄村', '旧宫', '西红门'],
	huairou: ['泉河', '龙山', '雁栖', '庙城'],
	pinggu: ['滨河', '兴谷', '马坊', '金海湖'],
	miyun: ['鼓楼', '果园', '檀营', '溪翁庄'],
	yanqing: ['儒林', '百泉', '香水园', '康庄']
};

const surnames =
	'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const givenChars = '秀英华玉兰芳丽敏静燕红霞艳梅娟婷雪琳萍慧莉颖淑珍洁云倩欣悦晓春月凤桂琴丹佳';

const projectTitles: Record<Category, string[]> = {
	elderly_care: ['空巢老人探访', '助老餐桌服务', '老年人智能手机课堂'],
	childcare: ['四点半课堂看护', '亲子阅读会', '暑期儿童托管'],
	tutoring: ['小学生作业辅导', '初中数学答疑', '英语口语角'],
	legal_aid: ['妇女权益法律咨询', '家庭纠纷调解', '普法宣传进社区'],
	psychological_support: ['心理健康讲座', '妈妈心灵驿站', '青少年心理疏导'],
	first_aid: ['急救知识培训', 'AED 使用演练', '家庭安全应急课'],
	health_promotion: ['义诊量血压', '健康膳食讲座', '广场舞健身指导'],
	heritage_guiding: ['胡同文化讲解', '非遗剪纸体验', '中轴线文化导览'],
	translation: ['外籍居民办事陪同', '社区公告翻译', '国际友人文化交流'],
	community_safety: ['楼门安全巡查', '防诈骗宣传', '垃圾分类引导'],
	emergency_response: ['防汛值守', '冬季除雪', '应急物资分发']
};

const levels = ['community', 'community', 'district', 'municipal', 'national'] as const;

/** The street office (街道) a demo community belongs to; most share the community's name. */
const streets: Record<string, string> = {
	西总布: '建国门街道',
	朝阳门: '朝阳门街道',
	和平里: '和平里街道',
	东四: '东四街道'
};
const streetOf = (community: string) => streets[community] ?? `${community}街道`;

const pad = (n: number) => String(n).padStart(2, '0');

export interface DemoData {
	stations: Station[];
	steps: DemoStep[];
	/** The first station's past activity, with its attendance and hours (the rest lies ahead). */
	pastProjectId: string | null;
}

/** Builds the demo data set. Same options, same data. */
export function demoData(options: DemoOptions = {}): DemoData {
	const rnd = seededRandom(options.seed ?? 2026);
	const stationCount = options.stations ?? 32;
	const memberCount = options.members ?? 520;
	const projectCount = options.projects ?? 48;
	const today = options.today ?? new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00Z');
	const created = new Date(today.getTime() - 90 * 86_400_000).toISOString();
	const steps: DemoStep[] = [];
	const stations: Station[] = [];

	for (let i = 0; i < stationCount; i++) {
		const district = districts[i % districts.length]!;
		const places = communities[district.code]!;
		const community =
			i === 0 ? '西总布' : places[Math.floor(i / districts.length) % places.length]!;
		stations.push({
			id: rnd.uuid(),
			createdAt: created,
			updatedAt: created,
			version: 0,
			updatedBy: null,
			name: `${community}社区妇女志愿服务站`,
			district: district.code,
			street: streetOf(community),
			community,
			address: `北京市${district.zh}${community}社区${rnd.int(1, 80)}号`,
			level: i === 0 ? 'national' : rnd.pick(levels),
			levelAwardedOn: `${2019 + (i % 6)}-${pad(1 + (i % 12))}-15`,
			status: 'open',
			contactName: `${rnd.pick([...surnames])}老师`,
			contactPhone: `010-${rnd.int(6000, 8999)}${rnd.int(1000, 9999)}`,
			openingHours: '周一至周五 9:00–17:00',
			services: rnd.some(categories, 4)
		});
	}

	const members: { id: string; stationId: string; active: boolean }[] = [];
	const ready: { id: string; at: string; stationId: string; active: boolean }[] = [];
	const usedPhones = new Set<string>();
	for (let i = 0; i < memberCount; i++) {
		const station = i < 60 ? stations[0]! : rnd.pick(stations);
		let phone = i === 0 ? '13800000001' : '';
		while (!phone || usedPhones.has(phone)) {
			phone = `1${rnd.pick(['35', '36', '37', '39', '50', '58', '86', '88'])}${String(rnd.int(0, 99_999_999)).padStart(8, '0')}`;
		}
		usedPhones.add(phone);
		const id = rnd.uuid();
		const at = new Date(Date.parse(created) + i * 60_000).toISOString();
		const name =
			rnd.pick([...surnames]) +
			rnd.pick([...givenChars]) +
			(rnd.next() < 0.6 ? rnd.pick([...givenChars]) : '');
		const gender = rnd.next() < 0.92 ? 'female' : 'male';
		const birthYear = rnd.int(1950, 2004);
		const skills = rnd.some(categories, 3);
		const spoken = rnd.next() < 0.2 ? ['zh', rnd.pick(languages)] : ['zh'];
		const availability = rnd.pick(['工作日白天', '周末', '晚上', '随时']);
		const emergencyResponder = rnd.next() < 0.3;
		const source = rnd.pick(['staff', 'self', 'kiosk'] as const);
		steps.push({
			name: 'volunteer.register',
			args: {
				id,
				name,
				phone,
				gender,
				birthYear,
				// The kiosk and her own phone ask for the birth date (see age.ts).
				birthDate:
					source === 'staff' ? null : `${birthYear}-${pad(1 + (i % 12))}-${pad(1 + (i % 28))}`,
				district: station.district,
				community: station.community,
				skills,
				languages: spoken as (typeof languages)[number][],
				availability,
				emergencyResponder,
				consent: true,
				// The demo volunteer agreed to the notice before it last changed: she is asked again.
				consentVersion: i === 0 ? privacyNoticeVersions[0] : PRIVACY_NOTICE_VERSION,
				homeStationId: station.id,
				source,
				at
			}
		});
		// Staff registrations are members at once; most others have been approved since.
		const approved = rnd.next() < 0.9 || i === 0;
		if (approved && source !== 'staff') {
			steps.push({ name: 'volunteer.setStatus', args: { id, status: 'active', at } });
		}
		members.push({ id, stationId: station.id, active: approved || source === 'staff' });
		if (emergencyResponder || i === 0) {
			ready.push({ id, at, stationId: station.id, active: approved || source === 'staff' });
		}
	}

	const activeAt = new Date(Date.parse(created) + memberCount * 60_000 + 60_000).toISOString();
	for (let p = 0; p < projectCount; p++) {
		const station = p < 6 ? stations[0]! : rnd.pick(stations);
		const category = rnd.pick(categories);
		const projectId = rnd.uuid();
		steps.push({
			name: 'project.create',
			args: {
				id: projectId,
				stationId: station.id,
				title: rnd.pick(projectTitles[category]),
				description: `由${station.name}组织的志愿服务活动，欢迎有意愿的志愿者报名参加。`,
				category,
				place: `${station.community}社区活动中心`,
				requiredSkills: rnd.next() < 0.5 ? [category] : [],
				urgent: rnd.next() < 0.1,
				at: activeAt
			}
		});
		const shiftCount = rnd.int(1, 3);
		const shiftIds: { id: string; capacity: number }[] = [];
		for (let s = 0; s < shiftCount; s++) {
			const day = rnd.int(1, 30);
			const startHour = rnd.pick([1, 2, 6, 7]); // 09:00, 10:00, 14:00, 15:00 in Beijing
			const start = new Date(today.getTime() + day * 86_400_000 + startHour * 3_600_000);
			const capacity = rnd.pick([2, 3, 5, 8, 10, 20]);
			const id = rnd.uuid();
			shiftIds.push({ id, capacity });
			steps.push({
				name: 'shift.add',
				args: {
					id,
					projectId,
					start: start.toISOString(),
					end: new Date(start.getTime() + rnd.pick([2, 3, 4]) * 3_600_000).toISOString(),
					capacity,
					at: activeAt
				}
			});
		}
		if (p % 8 === 7) continue; // a few drafts stay unpublished
		steps.push({ name: 'project.publish', args: { id: projectId, at: activeAt } });
		// Only approved members can be signed up.
		const local = members.filter((m) => m.active && m.stationId === station.id);
		const pool = local.length >= 12 ? local : members.filter((m) => m.active);
		for (const shift of shiftIds) {
			// Every fourth shift fills up and gets a waitlist.
			const wanted = p % 4 === 0 ? shift.capacity + rnd.int(1, 3) : rnd.int(0, shift.capacity - 1);
			const chosen = new Set<string>();
			while (chosen.size < Math.min(wanted, pool.length)) chosen.add(rnd.pick(pool).id);
			let minute = 0;
			for (const volunteerId of chosen) {
				steps.push({
					name: 'signup.request',
					args: {
						id: rnd.uuid(),
						shiftId: shift.id,
						volunteerId,
						at: new Date(Date.parse(activeAt) + ++minute * 60_000).toISOString()
					}
				});
			}
		}
	}
	const pastProjectId = stations[0] ? pastActivity(rnd, stations[0], members, steps, today) : null;
	// One station in each other district has kept a regular activity since it opened, so the
	// federations' figures have months to compare.
	for (const station of stations.slice(1, districts.length)) {
		regularService(rnd, station, members, steps, created, today);
	}
	const emergency = seededRandom((options.seed ?? 2026) + 1);
	readiness(emergency, ready, steps, today);
	const chaoyang = stations.find((s) => s.district === 'chaoyang');
	if (chaoyang) pastCallout(emergency, chaoyang, stations, ready, steps, today);
	if (stations[0])
		teamsAndPairings(seededRandom((options.seed ?? 2026) + 2), stations, members, steps, today);
	return { stations, steps, pastProjectId };
}

type Rnd = ReturnType<typeof seededRandom>;

/**
 * Ten days ago a rainstorm: Chaoyang's first station called its district's ready members to a
 * night's flood duty (20:00–08:00), most said yes on the phone, those who came were checked in and
 * out at the place, and their hours were verified. The call-out is closed.
 */
function pastCallout(
	rnd: Rnd,
	lead: Station,
	stations: readonly Station[],
	ready: readonly { id: string; stationId: string; active: boolean }[],
	steps: DemoStep[],
	today: Date
) {
	const ofDistrict = new Set(stations.filter((s) => s.district === lead.district).map((s) => s.id));
	const asked = ready.filter((m) => m.active && ofDistrict.has(m.stationId)).slice(0, 12);
	if (asked.length < 3) return;
	const hour = (h: number) => new Date(today.getTime() - 10 * 86_400_000 + h * 3_600_000);
	const start = hour(12); // 20:00 in Beijing
	const end = hour(24); // 08:00 the next morning
	const id = rnd.uuid();
	const shiftId = rnd.uuid();
	const at = (date: Date, minutes = 0) => new Date(date.getTime() + minutes * 60_000).toISOString();
	steps.push({
		name: 'callout.create',
		args: {
			id,
			projectId: rnd.uuid(),
			shiftId,
			title: '暴雨防汛值班备勤',
			description: '夜间暴雨预警：值守防汛物资点，巡查低洼院落和地下通道，提醒居民转移车辆。',
			place: `${lead.community}社区防汛物资点`,
			community: lead.community,
			start: at(start),
			end: at(end),
			urgency: 'urgent',
			roles: [
				{ role: 'duty', headcount: 6 },
				{ role: 'patrol', headcount: 4 }
			],
			stationId: lead.id,
			reach: 'district',
			reachStationIds: [],
			at: at(start, -180)
		}
	});
	steps.push({
		name: 'callout.ask',
		args: {
			calloutId: id,
			asks: asked.map((m, k) => ({
				responseId: rnd.uuid(),
				volunteerId: m.id,
				role: k % 3 === 2 ? 'patrol' : 'duty',
				reasons: ['available', 'ready']
			})),
			at: at(start, -170)
		}
	});
	const came: string[] = [];
	for (const [k, member] of asked.entries()) {
		const answer = k % 5 === 4 ? 'declined' : k % 7 === 6 ? 'no_answer' : 'accepted';
		steps.push({
			name: 'callout.respond',
			args: {
				calloutId: id,
				volunteerId: member.id,
				answer,
				answeredBy: 'staff',
				at: at(start, -160 + k)
			}
		});
		// One who said yes was held up at home.
		if (answer === 'accepted' && came.length < asked.length - 4) came.push(member.id);
	}
	for (const [k, volunteerId] of came.entries()) {
		steps.push({
			name: 'attendance.walkIn',
			args: {
				id: rnd.uuid(),
				signupId: rnd.uuid(),
				shiftId,
				volunteerId,
				overCapacity: true,
				at: at(start, -10 + k)
			}
		});
		steps.push({
			name: 'attendance.checkOut',
			args: { id: rnd.uuid(), shiftId, volunteerId, at: at(end, rnd.int(-20, 5)) }
		});
	}
	steps.push({ name: 'attendance.verify', args: { shiftId, at: at(end, 120) } });
	steps.push({
		name: 'callout.close',
		args: { id, outcome: 'closed', note: '雨停，积水已排除。', at: at(end, 60) }
	});
}

/** Fictional social organizations of each district's registry. */
const demoOrganizations = [
	{
		name: '暖心社会工作服务中心',
		type: 'social_organization',
		offers: '社工上门探访、心理疏导、家庭教育讲座',
		focus: ['elderly_care', 'psychological_support']
	},
	{
		name: '和美家政服务有限公司',
		type: 'enterprise',
		offers: '为困难家庭提供免费保洁和助老理发，每月两次',
		focus: ['elderly_care']
	},
	{
		name: '社区卫生服务中心',
		type: 'public_institution',
		offers: '义诊、健康讲座、急救培训师资',
		focus: ['health_promotion', 'first_aid']
	}
] as const;

/**
 * Xizongbu's station has two volunteer teams; its district keeps a registry of social
 * organizations, one paired with its women volunteers' team since spring (with what they did
 * together, and a joint project ahead) and one with a neighbouring station. Chaoyang keeps a
 * registry too. From a generator of its own, so the rest of the data stays as it was.
 */
function teamsAndPairings(
	rnd: Rnd,
	stations: readonly Station[],
	members: readonly { id: string; stationId: string; active: boolean }[],
	steps: DemoStep[],
	today: Date
) {
	const home = stations[0]!;
	const day = (offset: number) =>
		new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
	const at = (offset: number) => new Date(today.getTime() + offset * 86_400_000).toISOString();
	const local = members.filter((m) => m.active && m.stationId === home.id);
	const teams = [
		{
			name: '西总布巾帼志愿服务队',
			focus: ['elderly_care', 'community_safety'],
			of: local.slice(1, 13)
		},
		{ name: '西总布助老服务队', focus: ['elderly_care'], of: local.slice(10, 18) }
	] as const;
	const teamIds: string[] = [];
	for (const team of teams) {
		const id = rnd.uuid();
		teamIds.push(id);
		const [leader, ...rest] = team.of;
		steps.push({
			name: 'team.create',
			args: {
				id,
				stationId: home.id,
				name: team.name,
				leaderId: leader?.id ?? null,
				memberIds: rest.map((m) => m.id),
				focus: [...team.focus],
				at: at(-200)
			}
		});
	}
	const registries = [
		...new Set([home.district, stations.find((s) => s.district === 'chaoyang')?.district])
	].filter((d) => d !== undefined);
	const organizationIds: Record<string, string[]> = {};
	for (const district of registries) {
		organizationIds[district] = [];
		for (const [k, organization] of demoOrganizations.entries()) {
			const id = rnd.uuid();
			organizationIds[district].push(id);
			const area = district === home.district ? '东城区' : '朝阳区';
			steps.push({
				name: 'organization.create',
				args: {
					id,
					district,
					name: `${area}${organization.name}`,
					type: organization.type,
					contactName: `${rnd.pick([...surnames])}${k === 1 ? '经理' : '老师'}`,
					contactPhone: `010-${rnd.int(6000, 8999)}${rnd.int(1000, 9999)}`,
					offers: organization.offers,
					at: at(-220)
				}
			});
		}
	}
	const [social, business] = organizationIds[home.district]!;
	const pairingId = rnd.uuid();
	steps.push({
		name: 'pairing.create',
		args: {
			id: pairingId,
			organizationId: social!,
			stationId: home.id,
			teamId: teamIds[0]!,
			focus: ['elderly_care', 'psychological_support'],
			startOn: day(-180),
			endOn: null,
			at: at(-180)
		}
	});
	const activities = [
		{ on: -150, what: '社工与服务队一起走访独居老人12户，建立探访台账', who: '社工2人，队员6人' },
		{ on: -90, what: '“妈妈心灵驿站”亲子沟通讲座，社区居民30余人参加', who: '社工1人，队员4人' },
		{ on: -20, what: '入冬前为高龄老人检查家中燃气和取暖设备', who: '社工2人，队员5人' }
	];
	for (const activity of activities) {
		steps.push({
			name: 'pairing.logActivity',
			args: {
				id: rnd.uuid(),
				pairingId,
				on: day(activity.on),
				what: activity.what,
				who: activity.who,
				photos: [],
				at: at(activity.on + 1)
			}
		});
	}
	const neighbour = stations.find((s) => s.district === home.district && s.id !== home.id);
	if (neighbour && business) {
		steps.push({
			name: 'pairing.create',
			args: {
				id: rnd.uuid(),
				organizationId: business,
				stationId: neighbour.id,
				teamId: null,
				focus: ['elderly_care'],
				startOn: day(-120),
				endOn: null,
				at: at(-120)
			}
		});
	}
	// A joint project: the team and the organization together, ahead.
	const projectId = rnd.uuid();
	steps.push({
		name: 'project.create',
		args: {
			id: projectId,
			stationId: home.id,
			title: '冬日暖心助老理发',
			description: '巾帼志愿服务队与暖心社工一起，为社区高龄老人上门理发、聊天。',
			category: 'elderly_care',
			place: `${home.community}社区活动中心`,
			requiredSkills: [],
			urgent: false,
			teamId: teamIds[0]!,
			coOrganizerIds: [social!],
			at: at(-3)
		}
	});
	const start = new Date(today.getTime() + 6 * 86_400_000 + 1 * 3_600_000);
	steps.push({
		name: 'shift.add',
		args: {
			id: rnd.uuid(),
			projectId,
			start: start.toISOString(),
			end: new Date(start.getTime() + 3 * 3_600_000).toISOString(),
			capacity: 8,
			at: at(-3)
		}
	});
	steps.push({ name: 'project.publish', args: { id: projectId, at: at(-3) } });

	// One to one: the demo volunteer keeps an elderly neighbour company (a visit verified, one
	// waiting), and another member is a caring mother to a schoolgirl, through her guardian.
	const demoVolunteer = members[0];
	const caringMother = local[2];
	const people = [
		{ alias: '张奶奶', minor: false, kind: 'elderly_companion', with: demoVolunteer },
		{ alias: '小雨', minor: true, kind: 'caring_mother', with: caringMother }
	] as const;
	for (const [k, person] of people.entries()) {
		if (!person.with || person.with.stationId !== home.id) continue;
		const helpedId = rnd.uuid();
		steps.push({
			name: 'helped.register',
			args: {
				id: helpedId,
				stationId: home.id,
				alias: person.alias,
				community: home.community,
				minor: person.minor,
				guardianName: person.minor ? '雨妈妈' : '',
				guardianPhone: person.minor ? '13900000388' : '',
				note: person.minor ? '周二、周四放学后' : '独居，耳背，敲门要用力',
				consent: true,
				at: at(-60)
			}
		});
		const carePairingId = rnd.uuid();
		steps.push({
			name: 'care.pair',
			args: {
				id: carePairingId,
				helpedId,
				volunteerId: person.with.id,
				kind: person.kind,
				startOn: day(-60),
				at: at(-60)
			}
		});
		for (const [v, ago] of [-21, -7].entries()) {
			const visitId = rnd.uuid();
			steps.push({
				name: 'care.logVisit',
				args: {
					id: visitId,
					carePairingId,
					on: day(ago),
					minutes: k === 0 ? 90 : 120,
					note: k === 0 ? '陪老人聊天，帮忙买菜' : '陪孩子写作业',
					at: at(ago + 0.5)
				}
			});
			if (v === 0) steps.push({ name: 'care.verifyVisit', args: { id: visitId, at: at(ago + 2) } });
		}
	}
}

/**
 * The emergency-ready members say when they can come and what they can do: weekday evenings or
 * weekends, some nights, a few on standby for the next two weeks; first-aid certificates mostly
 * valid, some run out. From a generator of its own, so the rest of the data stays as it was.
 */
function readiness(
	rnd: Rnd,
	ready: readonly { id: string; at: string }[],
	steps: DemoStep[],
	today: Date
) {
	const day = (offset: number) =>
		new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
	const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;
	for (const [index, member] of ready.entries()) {
		const weekly: ArgsOf<'volunteer.setReadiness'>['readiness']['weekly'] = [];
		const evenings = index === 0 || rnd.next() < 0.6;
		const nights = index === 0 || rnd.next() < 0.3;
		for (const d of weekdays) {
			if (evenings) weekly.push(`${d}_evening`);
			if (nights) weekly.push(`${d}_night`, `${d}_morning`);
		}
		if (weekly.length === 0 || rnd.next() < 0.5) {
			for (const d of ['sat', 'sun'] as const) weekly.push(`${d}_morning`, `${d}_afternoon`);
		}
		const roles = rnd.some(emergencyRoles, 3);
		if (index === 0 && !roles.includes('duty')) roles.push('duty');
		const standby =
			rnd.next() < 0.15
				? [{ from: `${day(0)}T00:00:00.000Z`, to: `${day(14)}T00:00:00.000Z` }]
				: [];
		steps.push({
			name: 'volunteer.setReadiness',
			args: {
				id: member.id,
				emergencyResponder: true,
				readiness: {
					weekly: [...new Set(weekly)],
					standby,
					roles,
					firstAidExpiresOn: roles.includes('first_aid')
						? day(rnd.next() < 0.7 ? rnd.int(60, 700) : -rnd.int(10, 200))
						: null
				},
				at: member.at
			}
		});
	}
}

/**
 * A station's regular activity from a week after it opened until a few days ago: a shift every
 * four weeks, three or four of its members each time, checked in and out, and the hours verified.
 * Stations with fewer than three approved members of their own have none.
 */
function regularService(
	rnd: Rnd,
	station: Station,
	members: readonly { id: string; stationId: string; active: boolean }[],
	steps: DemoStep[],
	created: string,
	today: Date
) {
	const local = members.filter((m) => m.active && m.stationId === station.id);
	if (local.length < 3) return;
	const opened = new Date(Date.parse(created) + 86_400_000).toISOString();
	const category = rnd.pick(station.services.length > 0 ? station.services : categories);
	const projectId = rnd.uuid();
	steps.push({
		name: 'project.create',
		args: {
			id: projectId,
			stationId: station.id,
			title: rnd.pick(projectTitles[category]),
			description: `${station.name}每月一次的常态化志愿服务。`,
			category,
			place: `${station.community}社区活动中心`,
			requiredSkills: [],
			urgent: false,
			at: opened
		}
	});
	const shifts: { id: string; start: number; end: number }[] = [];
	const lastStart = today.getTime() - 3 * 86_400_000;
	for (let day = 8; Date.parse(created) + day * 86_400_000 < lastStart; day += 28) {
		// 09:00 or 14:00 in Beijing, for two or three hours.
		const start = Date.parse(created) + day * 86_400_000 + rnd.pick([1, 6]) * 3_600_000;
		const shift = { id: rnd.uuid(), start, end: start + rnd.pick([2, 3]) * 3_600_000 };
		shifts.push(shift);
		steps.push({
			name: 'shift.add',
			args: {
				id: shift.id,
				projectId,
				start: new Date(shift.start).toISOString(),
				end: new Date(shift.end).toISOString(),
				capacity: 8,
				at: opened
			}
		});
	}
	steps.push({ name: 'project.publish', args: { id: projectId, at: opened } });
	const at = (ms: number) => new Date(ms).toISOString();
	for (const shift of shifts) {
		const people = new Set<string>();
		const wanted = Math.min(local.length, rnd.int(3, 4));
		while (people.size < wanted) people.add(rnd.pick(local).id);
		for (const [i, volunteerId] of [...people].entries()) {
			steps.push({
				name: 'signup.request',
				args: {
					id: rnd.uuid(),
					shiftId: shift.id,
					volunteerId,
					at: at(shift.start - (i + 2) * 3_600_000)
				}
			});
		}
		for (const volunteerId of people) {
			const base = { shiftId: shift.id, volunteerId };
			steps.push({
				name: 'attendance.checkIn',
				args: {
					id: rnd.uuid(),
					...base,
					overCapacity: false,
					at: at(shift.start + rnd.int(-10, 5) * 60_000)
				}
			});
			steps.push({
				name: 'attendance.checkOut',
				args: { id: rnd.uuid(), ...base, at: at(shift.end + rnd.int(-10, 5) * 60_000) }
			});
		}
		steps.push({
			name: 'attendance.verify',
			args: { shiftId: shift.id, at: at(shift.end + 3_600_000) }
		});
	}
}

/**
 * A past activity of the first station, recorded on the day: last week's shift checked in and out
 * and verified (one person never came, one forgot to check out), and the day before yesterday's
 * checked in and out but not verified yet. The demo volunteer (the first member) is on both.
 */
function pastActivity(
	rnd: Rnd,
	station: Station,
	members: readonly { id: string; stationId: string; active: boolean }[],
	steps: DemoStep[],
	today: Date
): string {
	const projectId = rnd.uuid();
	const day = (daysAgo: number, hour: number, minute = 0) =>
		new Date(today.getTime() - daysAgo * 86_400_000 + (hour * 60 + minute) * 60_000).toISOString();
	const opened = day(20, 1);
	steps.push({
		name: 'project.create',
		args: {
			id: projectId,
			stationId: station.id,
			title: '重阳节社区助老服务日',
			description: `由${station.name}组织：陪伴社区老人，协助量血压、讲解防诈骗知识。`,
			category: 'elderly_care',
			place: `${station.community}社区活动中心`,
			requiredSkills: [],
			urgent: false,
			at: opened
		}
	});
	// 09:00–11:30 and 14:00–16:00 Beijing time.
	const shifts = [
		{ id: rnd.uuid(), start: day(7, 1), end: day(7, 3, 30), verify: true },
		{ id: rnd.uuid(), start: day(2, 6), end: day(2, 8), verify: false }
	];
	for (const shift of shifts) {
		steps.push({
			name: 'shift.add',
			args: { id: shift.id, projectId, start: shift.start, end: shift.end, capacity: 8, at: opened }
		});
	}
	steps.push({ name: 'project.publish', args: { id: projectId, at: opened } });
	// Only approved members can be signed up.
	const local = members.filter((m) => m.active && m.stationId === station.id).slice(0, 7);
	for (const [s, shift] of shifts.entries()) {
		const people = s === 0 ? local.slice(0, 6) : [local[0]!, ...local.slice(3, 7)];
		for (const [i, member] of people.entries()) {
			steps.push({
				name: 'signup.request',
				args: { id: rnd.uuid(), shiftId: shift.id, volunteerId: member.id, at: day(15, 2, i) }
			});
		}
		const start = Date.parse(shift.start);
		const minute = (m: number) => new Date(start + m * 60_000).toISOString();
		for (const [i, member] of people.entries()) {
			// The last one on last week's list never came; the one before forgot to check out.
			if (shift.verify && i === people.length - 1) continue;
			const base = { shiftId: shift.id, volunteerId: member.id };
			steps.push({
				name: 'attendance.checkIn',
				args: { id: rnd.uuid(), ...base, overCapacity: false, at: minute(rnd.int(-12, 6)) }
			});
			if (shift.verify && i === people.length - 2) continue;
			const length = Date.parse(shift.end) - start;
			steps.push({
				name: 'attendance.checkOut',
				args: { id: rnd.uuid(), ...base, at: minute(length / 60_000 + rnd.int(-9, 4)) }
			});
		}
		if (shift.verify) {
			steps.push({
				name: 'attendance.verify',
				args: { shiftId: shift.id, at: new Date(Date.parse(shift.end) + 3_600_000).toISOString() }
			});
		}
	}
	return projectId;
}
