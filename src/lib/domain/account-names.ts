/**
 * The names that say which signed-in account a request speaks for. Apart from accounts.ts (and
 * free of zod, like roles.ts) so that the sync engine, which opens with every unlocked account,
 * does not load the schemas before the first screen.
 */

/** The header naming the account a sync or account request speaks for. */
export const ACCOUNT_HEADER = 'x-account';

/** One HttpOnly session cookie per signed-in account, so several can share one browser. */
export const sessionCookieName = (accountId: string) => `vs_session_${accountId}`;
