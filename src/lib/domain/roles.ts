/**
 * The roles an account can have. Apart from accounts.ts (and free of zod) so that what only needs
 * to tell staff from volunteers, such as the lock screen's gate, does not load the schemas.
 */
export const roles = ['city_admin', 'district_admin', 'station_worker', 'volunteer'] as const;
export type Role = (typeof roles)[number];

export const isStaff = (role: Role) => role !== 'volunteer';
