/**
 * Calls the real SvelteKit request handlers as a browser would: a request from the app's origin,
 * cookies kept from each answer's Set-Cookie and sent back with the next request.
 */
import { ACCOUNT_HEADER } from '$lib/domain/accounts';

export const APP_ORIGIN = 'https://stations.example.cn';

type Handler<E> = (event: E) => Response | Promise<Response>;

export interface CallOptions {
	method?: string;
	/** Sent as JSON unless it is already a string. */
	body?: unknown;
	/** The account the request speaks for (`x-account`). */
	account?: string;
	headers?: Record<string, string>;
	/** The Origin header; null sends none. Defaults to the page's origin. */
	origin?: string | null;
	params?: Record<string, string>;
}

export interface StoredCookie {
	value: string;
	attributes: string[];
}

export class TestBrowser {
	readonly cookies = new Map<string, StoredCookie>();

	constructor(
		readonly origin = APP_ORIGIN,
		/** The client address the server sees. */
		readonly address = '203.0.113.10'
	) {}

	async call<E>(handler: Handler<E>, path: string, options: CallOptions = {}): Promise<Response> {
		const url = new URL(path, this.origin);
		const method = options.method ?? 'POST';
		const headers = new Headers(options.headers);
		if (method !== 'GET' && !headers.has('content-type')) {
			headers.set('content-type', 'application/json');
		}
		const origin = options.origin === undefined ? this.origin : options.origin;
		if (origin !== null && method !== 'GET') headers.set('origin', origin);
		if (options.account) headers.set(ACCOUNT_HEADER, options.account);
		const jar = [...this.cookies].map(([name, c]) => `${name}=${c.value}`).join('; ');
		if (jar) headers.set('cookie', jar);
		const body =
			options.body === undefined
				? method === 'GET'
					? undefined
					: '{}'
				: typeof options.body === 'string'
					? options.body
					: JSON.stringify(options.body);
		const request = new Request(url, { method, headers, body });
		const event = {
			request,
			url,
			params: options.params ?? {},
			getClientAddress: () => this.address
		};
		const response = await handler(event as unknown as E);
		for (const line of response.headers.getSetCookie()) this.#store(line);
		return response;
	}

	#store(line: string) {
		const [pair = '', ...attributes] = line.split(';').map((p) => p.trim());
		const eq = pair.indexOf('=');
		const name = pair.slice(0, eq);
		const value = pair.slice(eq + 1);
		if (attributes.some((a) => a.toLowerCase() === 'max-age=0') || value === '') {
			this.cookies.delete(name);
		} else {
			this.cookies.set(name, { value, attributes });
		}
	}
}
