import { describe, expect, it } from 'vitest';
import type { Organization } from '$lib/domain/schemas';
import { at } from '$lib/testing/fixtures';
import {
	checkNewOrganization,
	checkOrganizationChanges,
	draftOf,
	emptyOrganization
} from './organization-draft';

const saved: Organization = {
	id: crypto.randomUUID(),
	createdAt: at(),
	updatedAt: at(),
	version: 1,
	updatedBy: null,
	district: 'dongcheng',
	name: '东城区暖心社会工作服务中心',
	type: 'social_organization',
	contactName: '李老师',
	contactPhone: '010-65120001',
	offers: '入户探访',
	status: 'active'
};

describe('checkNewOrganization', () => {
	it('asks for a name and a type, and keeps a landline as typed', () => {
		const id = crypto.randomUUID();
		const missing = checkNewOrganization(emptyOrganization('dongcheng'), id, at());
		expect(missing.ok).toBe(false);
		if (!missing.ok) expect(Object.keys(missing.errors).sort()).toEqual(['name', 'type']);
		const checked = checkNewOrganization(
			{
				...emptyOrganization('dongcheng'),
				name: ' 爱心企业 ',
				type: 'enterprise',
				contactPhone: '010-8888 6666'
			},
			id,
			at()
		);
		expect(checked.ok && checked.args).toMatchObject({
			name: '爱心企业',
			contactPhone: '010-8888 6666',
			district: 'dongcheng'
		});
	});

	it('asks a city admin for the district', () => {
		const checked = checkNewOrganization(
			{ ...emptyOrganization(null), name: '爱心企业', type: 'enterprise' },
			crypto.randomUUID(),
			at()
		);
		expect(!checked.ok && Object.keys(checked.errors)).toEqual(['district']);
	});
});

describe('checkOrganizationChanges', () => {
	it('sends only what changed', () => {
		const checked = checkOrganizationChanges(
			saved,
			{ ...draftOf(saved), contactName: '王经理' },
			at(5)
		);
		expect(checked.ok && checked.args.changes).toEqual({ contactName: '王经理' });
	});

	it('refuses an emptied name', () => {
		const checked = checkOrganizationChanges(saved, { ...draftOf(saved), name: ' ' }, at(5));
		expect(!checked.ok && Object.keys(checked.errors)).toEqual(['name']);
	});
});
