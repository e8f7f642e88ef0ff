// The app shell: prerendered at build time, precached by the service worker and served for every
// navigation (see navigateFallback in vite.config.ts). The client router then renders the route in
// the address bar, so /stations/<any id> works offline. Client-only, like every page.
export const prerender = true;
export const ssr = false;
