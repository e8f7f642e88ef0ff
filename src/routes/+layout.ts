// Pages render on the device from its local database: no server rendering, so every route
// works offline from the app shell.
export const ssr = false;
export const prerender = false;
