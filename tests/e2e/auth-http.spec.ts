/**
 * Sessions on the wire, against the built server (`node build`): the cookie's flags as the server
 * really sends them, the sync endpoints closed to a request without its session or from another
 * origin, sign-out ending the session, and sessions outliving a server restart.
 */
import { SCHEMA_VERSION } from '../../src/lib/domain/sync';
import { expect, test } from './fixtures';
import { DEMO_PASSWORD, postJson, sessionHeaders, signIn } from './support/sync-client';

const pullBody = () => ({
	clientId: crypto.randomUUID(),
	schemaVersion: SCHEMA_VERSION,
	cursor: 0
});

test('sign-in sets an HttpOnly SameSite=Strict cookie; sync needs it, our origin and JSON', async ({
	server
}) => {
	const response = await fetch(`${server.url}/api/auth/sign-in`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: server.url },
		body: JSON.stringify({ login: 'xizongbu', password: DEMO_PASSWORD })
	});
	expect(response.status).toBe(200);
	const { account } = (await response.json()) as { account: { id: string; role: string } };
	expect(account.role).toBe('station_worker');
	const [cookie] = response.headers.getSetCookie();
	expect(cookie).toMatch(new RegExp(`^vs_session_${account.id}=[A-Za-z0-9_-]{43};`));
	expect(cookie).toContain('HttpOnly');
	expect(cookie).toContain('SameSite=Strict');
	expect(cookie).toContain('Path=/');
	// Plain http on 127.0.0.1 is the one place a Secure cookie would not be kept.
	expect(cookie).not.toContain('Secure');

	const session = await signIn(server.url, 'xizongbu');
	expect((await postJson(session, '/api/sync/pull', pullBody())).status).toBe(200);

	const without = await fetch(`${server.url}/api/sync/pull`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: server.url },
		body: JSON.stringify(pullBody())
	});
	expect(without.status).toBe(401);
	expect(await without.json()).toEqual({ code: 'signed_out' });

	const forged = await fetch(`${server.url}/api/sync/push`, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			...sessionHeaders(session),
			origin: 'https://evil.example'
		},
		body: JSON.stringify({ clientId: crypto.randomUUID(), schemaVersion: 1, mutations: [] })
	});
	expect(forged.status).toBe(403);
	expect(await forged.json()).toEqual({ code: 'bad_origin' });

	// A cross-site form: SvelteKit's own guard or ours, it never reaches the sync handler.
	const form = await fetch(`${server.url}/api/sync/push`, {
		method: 'POST',
		headers: {
			'content-type': 'text/plain',
			...sessionHeaders(session),
			origin: 'https://evil.example'
		},
		body: '{}'
	});
	expect(form.status).toBe(403);
});

test('wrong passwords are answered 401, then 429 with Retry-After', async ({ server }) => {
	const attempt = (password: string) =>
		fetch(`${server.url}/api/auth/sign-in`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: server.url },
			body: JSON.stringify({ login: 'chaoyang1', password })
		});
	for (let i = 0; i < 5; i++) expect((await attempt(`guess-${i}`)).status).toBe(401);
	const refused = await attempt(DEMO_PASSWORD);
	expect(refused.status).toBe(429);
	expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(800);
	expect(((await refused.json()) as { code: string }).code).toBe('too_many_attempts');
});

test('a session outlives a server restart and ends with sign-out', async ({ server }) => {
	const session = await signIn(server.url, 'dongcheng');
	await server.stop();
	await server.start();
	expect((await postJson(session, '/api/sync/pull', pullBody())).status).toBe(200);

	const out = await postJson(session, '/api/auth/sign-out', {});
	expect(out.status).toBe(204);
	expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
	const after = await postJson(session, '/api/sync/pull', pullBody());
	expect(after.status).toBe(401);
});
