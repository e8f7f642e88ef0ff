/**
 * Mainland mobile numbers are stored as 11 digits. People type them with spaces, dashes,
 * brackets, a +86 / 0086 prefix: all of that is accepted and removed here.
 */
export function normalizePhone(input: string): string | null {
	let digits = input.replace(/[\s\-().]/g, '');
	if (digits.startsWith('+86')) digits = digits.slice(3);
	else if (digits.startsWith('0086')) digits = digits.slice(4);
	else if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2);
	return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}

/** 13800000001 → 138****0001, for lists where the whole number is not needed. */
export function maskPhone(phone: string): string {
	return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : phone;
}
