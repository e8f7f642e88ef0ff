/**
 * Password hashing with scrypt (memory-hard, in `node:crypto`, so no native add-on to build).
 *
 * A stored hash names its own cost: `$scrypt$ln=15,r=8,p=1$<salt>$<key>` (base64, no padding).
 * Raising the cost later leaves old hashes verifiable, and `needsRehash` tells the caller to store a
 * new one the next time the password is known.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface PasswordCost {
	/** log2 of scrypt's N (CPU and memory cost). */
	ln: number;
	r: number;
	p: number;
}

/** About 90 ms and 32 MiB per hash on a 2-core server. */
export const DEFAULT_COST: PasswordCost = { ln: 15, r: 8, p: 1 };

const SALT_BYTES = 16;
const KEY_BYTES = 64;
const PREFIX = '$scrypt$';

/** scrypt needs 128·N·r·p bytes; leave room above it, since Node's default cap is 32 MiB. */
const maxmem = (cost: PasswordCost) => 2 * 128 * 2 ** cost.ln * cost.r * cost.p;

function derive(password: string, salt: Buffer, bytes: number, cost: PasswordCost) {
	const options: ScryptOptions = {
		N: 2 ** cost.ln,
		r: cost.r,
		p: cost.p,
		maxmem: maxmem(cost)
	};
	return new Promise<Buffer>((resolve, reject) => {
		scrypt(password.normalize('NFC'), salt, bytes, options, (error, key) =>
			error ? reject(error) : resolve(key)
		);
	});
}

const b64 = (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '');

export async function hashPassword(
	password: string,
	cost: PasswordCost = DEFAULT_COST
): Promise<string> {
	const salt = randomBytes(SALT_BYTES);
	const key = await derive(password, salt, KEY_BYTES, cost);
	return `${PREFIX}ln=${cost.ln},r=${cost.r},p=${cost.p}$${b64(salt)}$${b64(key)}`;
}

interface Parsed {
	cost: PasswordCost;
	salt: Buffer;
	key: Buffer;
}

function parse(stored: string): Parsed | null {
	const match =
		/^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(
			stored
		);
	if (!match) return null;
	const [, ln, r, p, salt, key] = match;
	const cost = { ln: Number(ln), r: Number(r), p: Number(p) };
	// A cost outside these bounds is a corrupt or hostile row, not a hash to spend a minute on.
	if (cost.ln < 1 || cost.ln > 20 || cost.r < 1 || cost.p < 1) return null;
	return { cost, salt: Buffer.from(salt!, 'base64'), key: Buffer.from(key!, 'base64') };
}

/** Whether the password matches the stored hash, compared in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
	const parsed = parse(stored);
	if (!parsed || parsed.key.length < 16) return false;
	const key = await derive(password, parsed.salt, parsed.key.length, parsed.cost);
	return timingSafeEqual(key, parsed.key);
}

/** Whether a hash was made with another cost than the current one. */
export function needsRehash(stored: string, cost: PasswordCost = DEFAULT_COST): boolean {
	const parsed = parse(stored);
	return (
		!parsed ||
		parsed.cost.ln !== cost.ln ||
		parsed.cost.r !== cost.r ||
		parsed.cost.p !== cost.p ||
		parsed.key.length !== KEY_BYTES
	);
}

const dummies = new Map<string, Promise<string>>();

/**
 * Spends the same time as checking a real password, for a login that has no account: without it,
 * a fast "wrong credentials" would tell that the login does not exist.
 */
export async function verifyDummyPassword(
	password: string,
	cost: PasswordCost = DEFAULT_COST
): Promise<false> {
	const key = `${cost.ln},${cost.r},${cost.p}`;
	let dummy = dummies.get(key);
	if (!dummy) {
		dummy = hashPassword(randomBytes(16).toString('hex'), cost);
		dummies.set(key, dummy);
	}
	await verifyPassword(password, await dummy);
	return false;
}
