/**
 * What an applied mutation changes outside the synced records. So far one: an erasure (PIPL
 * art. 47) also removes the member's account (her login phone, her sessions, her trusted
 * browsers, the sign-in attempts counted under her phone), any code that would claim her record,
 * and her name from the details of refusals other devices were given. Runs in the push's
 * transaction, right after the mutation, so the erasure is all or nothing.
 */
import type { MutationName } from '$lib/domain/mutations';
import type { Db } from './database';
import { forgetAccount } from './session-cache';

export async function eraseAccountOf(trx: Db, volunteerId: string): Promise<void> {
	const account = await trx
		.selectFrom('accounts')
		.select(['id', 'phone'])
		.where('volunteer_id', '=', volunteerId)
		.executeTakeFirst();
	if (account) {
		await trx.deleteFrom('sessions').where('account_id', '=', account.id).execute();
		if (account.phone) {
			await trx.deleteFrom('trusted_devices').where('login', '=', account.phone).execute();
			await trx.deleteFrom('attempts').where('key', '=', account.phone).execute();
		}
		await trx.deleteFrom('accounts').where('id', '=', account.id).execute();
		// Her sessions end at once in this process; others forget them within the cache's seconds.
		forgetAccount(account.id);
	}
	await trx.deleteFrom('one_time_codes').where('subject_id', '=', volunteerId).execute();
	// A refusal's detail may name her (a duplicate phone): the code stays, the name goes.
	await trx
		.updateTable('mutation_results')
		.set({ detail: null })
		.where('detail', 'like', `%${volunteerId}%`)
		.execute();
}

/** Runs the effects beyond the synced records of a mutation the pipeline just applied. */
export async function afterApplied(trx: Db, name: MutationName, args: unknown): Promise<void> {
	if (name === 'volunteer.erase') await eraseAccountOf(trx, (args as { id: string }).id);
}
