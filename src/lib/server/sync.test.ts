import { describe, expect, it } from 'vitest';
import { runMutation } from '$lib/client/data/mutate';
import { syncOnce } from '$lib/client/data/sync';
import { PRIVACY_NOTICE_VERSION } from '$lib/domain/reference';
import { serverFetch, testDevice, testServer } from '$lib/testing/harness';
import { loadDemoData } from './seed';

describe('sync end to end in node', () => {
	it('brings the demo data to a device and a registration to another', async () => {
		const server = await testServer();
		await loadDemoData(server, { members: 80, projects: 10, stations: 20 });
		const fetcher = serverFetch(server);
		const a = testDevice();
		const b = testDevice();
		await syncOnce(a, fetcher);
		expect(await a.volunteers.count()).toBe(80);
		const station = (await a.stations.toArray())[0]!;
		const result = await runMutation(a, 'volunteer.register', {
			id: crypto.randomUUID(),
			name: '测试成员',
			phone: '+86 139-1234-5678',
			gender: 'female',
			birthYear: 1980,
			district: station.district,
			community: station.community,
			skills: ['first_aid'],
			languages: ['zh'],
			availability: '',
			emergencyResponder: false,
			consent: true,
			consentVersion: PRIVACY_NOTICE_VERSION,
			homeStationId: station.id,
			source: 'staff',
			at: new Date().toISOString()
		});
		expect(result.ok).toBe(true);
		expect(await a.outbox.count()).toBe(1);
		await syncOnce(a, fetcher);
		expect(await a.outbox.count()).toBe(0);
		await syncOnce(b, fetcher);
		const found = await b.volunteers.where('phone').equals('13912345678').toArray();
		expect(found).toHaveLength(1);
	});
});
