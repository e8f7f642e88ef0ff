/** Loads the demo data into an empty database, through the real mutation rules. */
import { demoData, type DemoOptions } from '$lib/domain/demo';
import { mutationByName } from '$lib/domain/mutations';
import type { Db } from './database';
import { SqlRecordStore } from './record-store';

export async function isEmpty(db: Db): Promise<boolean> {
	const row = await db.selectFrom('stations').select('id').limit(1).executeTakeFirst();
	return row === undefined;
}

export async function loadDemoData(db: Db, options: DemoOptions = {}) {
	const { stations, steps } = demoData(options);
	await db.transaction().execute(async (trx) => {
		const store = new SqlRecordStore(trx);
		for (const station of stations) await store.put('stations', station);
		for (const step of steps) {
			const mutation = mutationByName(step.name);
			if (!mutation) throw new Error(`demo step ${step.name} has no mutation`);
			await mutation.apply(store, step.args, { authority: 'server', actorId: null });
		}
		// An explicit id: only SQLite fills in an integer primary key by itself.
		await trx.insertInto('demo').values({ id: 1, loaded_at: new Date().toISOString() }).execute();
	});
	return { stations: stations.length, steps: steps.length };
}
