/**
 * A reverse proxy in front of several app servers, as a city deployment has: one public origin,
 * and each request sent to whichever server `route` names (one of them, or each in turn). It
 * counts what each server answered, so a spec can show which one did the work.
 */
import { createServer, request, type Server } from 'node:http';

export type Route = number | 'each in turn';

export interface Proxy {
	url: string;
	/** The servers' own URLs; set once they run (they need the proxy's URL as their ORIGIN). */
	targets: string[];
	route: Route;
	/** Requests per server, by path (e.g. `/api/sync/push`). */
	served: Map<string, number>[];
	close(): Promise<void>;
}

export async function startProxy(): Promise<Proxy> {
	let turn = 0;
	const proxy: Proxy = {
		url: '',
		targets: [],
		route: 0,
		served: [],
		close: () => new Promise((resolve) => server.close(() => resolve()))
	};
	const server: Server = createServer((incoming, outgoing) => {
		const { targets } = proxy;
		const index = proxy.route === 'each in turn' ? turn++ % targets.length : proxy.route;
		const target = new URL(incoming.url ?? '/', targets[index]);
		const counts = (proxy.served[index] ??= new Map());
		counts.set(target.pathname, (counts.get(target.pathname) ?? 0) + 1);
		const forwarded = request(
			target,
			{ method: incoming.method, headers: { ...incoming.headers, host: target.host } },
			(answer) => {
				outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(outgoing);
			}
		);
		forwarded.on('error', () => {
			if (!outgoing.headersSent) outgoing.writeHead(502);
			outgoing.end();
		});
		incoming.pipe(forwarded);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	const address = server.address();
	proxy.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
	return proxy;
}
