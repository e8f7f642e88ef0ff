import { describe, expect, it } from 'vitest';
import { memberCardText, readMemberCard } from './member-card';

describe('member card', () => {
	it('reads back the member it was made for, and holds no phone or name', async () => {
		const id = crypto.randomUUID();
		const text = await memberCardText(id);
		expect(text).toMatch(/^VS1\.[0-9a-f]{32}\.[0-9a-f]{8}$/);
		expect(await readMemberCard(text)).toBe(id);
		expect(await readMemberCard(` ${text}\n`)).toBe(id);
	});

	it('refuses a card altered to name another member, or not ours at all', async () => {
		const text = await memberCardText('0f8fad5b-d9cb-469f-a165-70867728950e');
		const altered = text.replace('0f8fad5b', '0f8fad5c');
		expect(await readMemberCard(altered)).toBeNull();
		expect(await readMemberCard(text.slice(0, -1) + (text.endsWith('0') ? '1' : '0'))).toBeNull();
		expect(await readMemberCard('https://example.com/0f8fad5b')).toBeNull();
		expect(await readMemberCard('13800000001')).toBeNull();
	});
});
