/** The current instant as a UTC ISO string: how every time is stored and sent. */
export function nowIso(): string {
	return new Date().toISOString();
}
