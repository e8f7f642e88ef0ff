/**
 * The account whose session is unlocked on this device right now, for screens to read.
 * Null while the app is locked or nobody is signed in; screens are not shown then.
 */
import type { AccountInfo } from '$lib/domain/accounts';

let current = $state<AccountInfo | null>(null);

export const account = {
	get current(): AccountInfo | null {
		return current;
	}
};

export function setCurrentAccount(next: AccountInfo | null) {
	current = next;
}
