/**
 * A volunteer's member card: the text of its QR code. It names her member record and nothing
 * else (no phone number, no name): `VS1.<her id without dashes>.<check>`, where the check is the
 * first 8 hex digits of SHA-256 over the id. A misread or altered code fails the check, so it can
 * never pass as a different member; someone else's card can only be made from her full id, a
 * random 122-bit number printed nowhere but on her card. A signed token would need the server's
 * key to check, which an offline tablet cannot ask for.
 */
const PREFIX = 'VS1';

const compact = (id: string) => id.replace(/-/g, '').toLowerCase();

function uuidOf(hex: string): string {
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

async function checkOf(hex: string): Promise<string> {
	const digest = await crypto.subtle.digest(
		'SHA-256',
		new TextEncoder().encode(`volunteer-stations member card ${hex}`)
	);
	return [...new Uint8Array(digest).slice(0, 4)]
		.map((b) => b.toString(16).padStart(2, '0'))
		.join('');
}

/** The text her card's QR code holds. */
export async function memberCardText(volunteerId: string): Promise<string> {
	const hex = compact(volunteerId);
	return `${PREFIX}.${hex}.${await checkOf(hex)}`;
}

/** The member id a scanned text names, or null when it is not one of our cards, or altered. */
export async function readMemberCard(text: string): Promise<string | null> {
	const match = /^VS1\.([0-9a-f]{32})\.([0-9a-f]{8})$/.exec(text.trim());
	if (!match) return null;
	const [, hex, check] = match as unknown as [string, string, string];
	return (await checkOf(hex)) === check ? uuidOf(hex) : null;
}
