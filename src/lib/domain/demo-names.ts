/**
 * The real names (fictional) the demo staff accounts show in the header, on the lock screen and
 * in "recorded by" lines, by login. Kept free of imports so the end-to-end tests can use it.
 */
export const DEMO_STAFF_NAMES = {
	beijing: '赵敏华',
	dongcheng: '钱丽君',
	xizongbu: '王淑芬',
	xizongbu2: '李桂兰',
	chaoyang1: '孙晓燕',
	chaoyang: '周丽萍'
} as const;
