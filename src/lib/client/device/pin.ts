/**
 * The PIN that unlocks a signed-in account on a shared tablet. It is a screen lock against the
 * next person at the desk, not encryption: it is hashed with a slow KDF (PBKDF2-SHA256 through
 * WebCrypto) so that the stored hash does not give the PIN away cheaply, and guessing on the
 * device is slowed by a wait after a few misses (see device.ts).
 */

/** 4 to 6 digits, nothing else. */
export const PIN_PATTERN = /^\d{4,6}$/;

export const isValidPin = (pin: string) => PIN_PATTERN.test(pin);

/** OWASP's figure for PBKDF2-SHA256 (2023); stored with each hash, so it can rise later. */
export const PIN_ITERATIONS = 600_000;

/** What the device keeps of a PIN: never the PIN itself. */
export interface PinHash {
	algorithm: 'PBKDF2-SHA256';
	iterations: number;
	/** Random, 16 bytes, base64. */
	salt: string;
	/** 32 bytes, base64. */
	hash: string;
}

function toBase64(bytes: Uint8Array): string {
	let text = '';
	for (const byte of bytes) text += String.fromCharCode(byte);
	return btoa(text);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
	const raw = atob(text);
	const bytes = new Uint8Array(raw.length);
	for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
	return bytes;
}

async function derive(pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number) {
	const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, [
		'deriveBits'
	]);
	const bits = await crypto.subtle.deriveBits(
		{ name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
		key,
		256
	);
	return new Uint8Array(bits);
}

export async function hashPin(pin: string, iterations = PIN_ITERATIONS): Promise<PinHash> {
	const salt = crypto.getRandomValues(new Uint8Array(16));
	const hash = await derive(pin, salt, iterations);
	return { algorithm: 'PBKDF2-SHA256', iterations, salt: toBase64(salt), hash: toBase64(hash) };
}

/** Whether `pin` is the one hashed in `stored`; compares every byte, whatever the first differs. */
export async function pinMatches(pin: string, stored: PinHash): Promise<boolean> {
	const expected = fromBase64(stored.hash);
	const actual = await derive(pin, fromBase64(stored.salt), stored.iterations);
	if (actual.length !== expected.length) return false;
	let diff = 0;
	for (const [i, byte] of actual.entries()) diff |= byte ^ (expected[i] ?? 0);
	return diff === 0;
}

/** Wrong PINs in a row that start the first wait. */
export const PIN_FREE_ATTEMPTS = 5;
const FIRST_WAIT_MS = 30_000;
const MAX_WAIT_MS = 15 * 60_000;

/**
 * How long to wait after `misses` wrong PINs in a row: nothing for the first four, 30 s after the
 * fifth, doubling with each further miss, up to 15 minutes.
 */
export function pinWaitMs(misses: number): number {
	if (misses < PIN_FREE_ATTEMPTS) return 0;
	return Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** (misses - PIN_FREE_ATTEMPTS));
}
