/**
 * The app's tabs tell each other when an account is signed out, so a tab still showing her screens
 * drops them at once instead of writing into a database that is being deleted.
 */
const CHANNEL = 'vs-accounts';

/** Tells the app's other tabs that an account is gone, so they drop its screens now. */
export function announceSignOut(accountId: string) {
	if (typeof BroadcastChannel === 'undefined') return;
	const channel = new BroadcastChannel(CHANNEL);
	channel.postMessage({ signedOut: accountId });
	channel.close();
}

/** Calls `onGone` when another tab signs an account out. Returns the unsubscribe. */
export function watchSignOuts(onGone: (accountId: string) => void): () => void {
	if (typeof BroadcastChannel === 'undefined') return () => {};
	const channel = new BroadcastChannel(CHANNEL);
	channel.onmessage = (event: MessageEvent<{ signedOut?: unknown }>) => {
		if (typeof event.data?.signedOut === 'string') onGone(event.data.signedOut);
	};
	return () => channel.close();
}
