import { describe, expect, it } from 'vitest';
import { mutations } from '$lib/domain/mutations';
import { PRIVACY_NOTICE_VERSION } from '$lib/domain/reference';
import { deviceSide, must, phoneNo, station } from '$lib/testing/fixtures';
import { testDevice } from '$lib/testing/harness';
import { errorText } from '$lib/i18n/error-text';
import { m } from '$lib/paraglide/messages';
import {
	emptyKioskForm,
	isTouched,
	kioskErrors,
	kioskErrorText,
	kioskRegistration,
	type KioskFormValues
} from './kiosk-form';

const home = station({ district: 'dongcheng', community: '西总布' });

function filled(overrides: Partial<KioskFormValues> = {}): KioskFormValues {
	return {
		...emptyKioskForm(home),
		name: '赵晓雯',
		phone: '139 0000 0042',
		birthDate: '1990-08-08',
		skills: ['tutoring'],
		consent: true,
		...overrides
	};
}

/** What the kiosk sends after the schema check, as the mutation takes it. */
const checked = (args: ReturnType<typeof kioskRegistration>) =>
	mutations['volunteer.register'].args.parse(args);

function context(overrides: Partial<Parameters<typeof kioskRegistration>[1]> = {}) {
	return {
		id: crypto.randomUUID(),
		stationId: home.id,
		consentVersion: PRIVACY_NOTICE_VERSION,
		language: 'zh' as const,
		at: '2026-03-01T01:00:00.000Z',
		...overrides
	};
}

describe('the kiosk form', () => {
	it("starts blank but for the station's district and community", () => {
		expect(emptyKioskForm(home)).toEqual({
			name: '',
			phone: '',
			birthDate: '',
			district: 'dongcheng',
			community: '西总布',
			skills: [],
			guardian: { name: '', phone: '', consent: false },
			consent: false
		});
		expect(emptyKioskForm(null)).toMatchObject({ district: '', community: '' });
	});

	it('counts any change from the blank form as typing worth clearing', () => {
		expect(isTouched(emptyKioskForm(home), home)).toBe(false);
		for (const change of [
			{ name: '赵' },
			{ phone: '1' },
			{ birthDate: '2000-01-01' },
			{ guardian: { name: '赵', phone: '', consent: false } },
			{ district: 'chaoyang' },
			{ community: '' },
			{ skills: ['first_aid' as const] },
			{ consent: true }
		]) {
			expect(isTouched({ ...emptyKioskForm(home), ...change }, home), JSON.stringify(change)).toBe(
				true
			);
		}
	});
});

describe('a kiosk registration', () => {
	it("is the station's registration from the kiosk, with the phone as 11 digits", async () => {
		const side = deviceSide(testDevice());
		await side.addStation(home);
		const args = kioskRegistration(filled({ phone: '+86 139-0000-0042' }), context());
		await expect(side.run('volunteer.register', checked(args))).resolves.toEqual({ ok: true });
		expect(await side.get('volunteers', args.id)).toMatchObject({
			name: '赵晓雯',
			phone: '13900000042',
			district: 'dongcheng',
			community: '西总布',
			skills: ['tutoring'],
			languages: ['zh'],
			homeStationId: home.id,
			source: 'kiosk',
			status: 'pending',
			consentVersion: PRIVACY_NOTICE_VERSION
		});
	});

	it('refuses a 12-year-old in words a child and her parent understand', async () => {
		const side = deviceSide(testDevice());
		await side.addStation(home);
		const args = kioskRegistration(filled({ birthDate: '2014-01-01' }), context());
		const refusal = await side.run('volunteer.register', checked(args));
		expect(refusal).toMatchObject({ ok: false, code: 'too_young', path: ['birthDate'] });
		if (refusal.ok) return;
		expect(kioskErrors([{ path: refusal.path, message: refusal.code }])).toEqual({
			birthDate: m.kiosk_too_young()
		});
	});

	it('sends a 16-year-old’s guardian, phone as 11 digits, and refuses her without one', async () => {
		const side = deviceSide(testDevice());
		await side.addStation(home);
		const alone = kioskRegistration(filled({ birthDate: '2010-01-01' }), context());
		expect(await side.run('volunteer.register', checked(alone))).toMatchObject({
			ok: false,
			code: 'guardian_required'
		});
		const guardian = { name: '赵立新', phone: '139-0000-0099', consent: true };
		const args = kioskRegistration(
			filled({ birthDate: '2010-01-01', phone: phoneNo(8), guardian }),
			context()
		);
		expect(args.guardian).toEqual({ ...guardian, phone: '13900000099' });
		await must(side, 'volunteer.register', checked(args));
		expect((await side.get('volunteers', args.id))?.guardian).toMatchObject({
			name: '赵立新',
			phone: '13900000099'
		});
	});

	it('records the language the form was filled in', () => {
		expect(kioskRegistration(filled(), context({ language: 'en' })).languages).toEqual(['en']);
	});

	it('names every wrong field at once, in words', () => {
		const args = kioskRegistration(
			filled({ name: '  ', phone: '12345', district: '', community: '' }),
			context()
		);
		const parsed = mutations['volunteer.register'].args.safeParse(args);
		expect(parsed.success).toBe(false);
		expect(kioskErrors(parsed.error?.issues ?? [])).toEqual({
			name: errorText('required'),
			phone: errorText('invalid_phone'),
			district: errorText('required'),
			community: errorText('required')
		});
	});

	it('puts an error about something the person cannot change on the form as a whole', () => {
		expect(kioskErrors([{ path: ['homeStationId'], message: 'not_found' }])).toEqual({
			form: errorText('not_found')
		});
		expect(kioskErrors([{ path: [], message: 'Some English sentence' }])).toEqual({
			form: errorText('invalid')
		});
	});

	it('says a phone number is taken without saying by whom', async () => {
		const side = deviceSide(testDevice());
		await side.addStation(home);
		const first = kioskRegistration(filled({ name: '钱丽娟', phone: phoneNo(7) }), context());
		await expect(side.run('volunteer.register', checked(first))).resolves.toEqual({ ok: true });

		const second = kioskRegistration(filled({ name: '孙浩', phone: phoneNo(7) }), context());
		const refusal = await side.run('volunteer.register', checked(second));
		expect(refusal).toMatchObject({ ok: false, code: 'duplicate_phone', path: ['phone'] });
		if (refusal.ok) return;
		// The rule names the member for staff; the kiosk must not pass that on.
		expect(refusal.detail.memberName).toBe('钱丽娟');
		const errors = kioskErrors([{ path: refusal.path, message: refusal.code }]);
		expect(errors).toEqual({ phone: m.kiosk_duplicate_phone() });
		expect(errors.phone).not.toContain('钱丽娟');
		expect(kioskErrorText('duplicate_phone')).toBe(m.kiosk_duplicate_phone());
	});
});
