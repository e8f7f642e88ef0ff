/**
 * A member moves to another station: she (or her station) asks, and the station she moves to, or
 * its district admin, accepts or declines. Nothing of her history moves or goes: her sign-ups stay
 * with the shifts they were for, and the transfer itself is kept.
 */
import * as z from 'zod/mini';
import { defineMutation, MutationError, need, type MutationStore } from '../mutation';
import { maskPhone } from '../phone';
import { id, instant, optionalText, type Transfer } from '../schemas';
import { openStation } from './stations';

async function openRequest(store: MutationStore, transferId: string): Promise<Transfer> {
	const transfer = await need(store, 'transfers', transferId);
	if (transfer.status !== 'requested') {
		throw new MutationError('transfer_not_open', ['id'], { status: transfer.status });
	}
	return transfer;
}

export const requestTransfer = defineMutation({
	name: 'transfer.request',
	args: z.strictObject({
		id: id(),
		volunteerId: id(),
		toStationId: id(),
		/** Who asks: the member herself, or her station for her (the rules check it is so). */
		requestedBy: z.enum(['member', 'station']),
		note: optionalText(200),
		at: instant()
	}),
	async apply(store, args, ctx) {
		if (await store.get('transfers', args.id)) throw new MutationError('already_exists');
		const member = await need(store, 'volunteers', args.volunteerId, ['volunteerId']);
		if (member.erasureRequestedAt) throw new MutationError('erasure_requested', ['volunteerId']);
		if (member.consentWithdrawnAt) throw new MutationError('consent_withdrawn', ['volunteerId']);
		if (member.homeStationId === args.toStationId) {
			throw new MutationError('already_member', ['toStationId']);
		}
		const to = await openStation(store, args.toStationId, ['toStationId']);
		const pending = (await store.transfersOfVolunteer(member.id)).find(
			(t) => t.status === 'requested'
		);
		if (pending) throw new MutationError('transfer_pending', ['volunteerId']);
		const from = member.homeStationId ? await store.get('stations', member.homeStationId) : null;
		await store.put('transfers', {
			id: args.id,
			createdAt: args.at,
			updatedAt: args.at,
			version: 0,
			updatedBy: ctx.actorId,
			volunteerId: member.id,
			memberName: member.name,
			memberPhone: maskPhone(member.phone),
			fromStationId: member.homeStationId,
			fromDistrict: from?.district ?? null,
			toStationId: to.id,
			toDistrict: to.district,
			requestedBy: args.requestedBy,
			note: args.note,
			status: 'requested',
			requestedAt: args.at,
			decidedAt: null,
			decidedBy: null
		});
	}
});

/**
 * The new station takes her in: she is its member from now on. A station's tablet does not hold
 * the record of someone who is not yet its member: there the member moves when the server's
 * answer arrives.
 */
export const acceptTransfer = defineMutation({
	name: 'transfer.accept',
	args: z.strictObject({ id: id(), at: instant() }),
	async apply(store, args, ctx) {
		const transfer = await openRequest(store, args.id);
		await openStation(store, transfer.toStationId, ['id']);
		const member =
			ctx.authority === 'server'
				? await need(store, 'volunteers', transfer.volunteerId, ['id'])
				: await store.get('volunteers', transfer.volunteerId);
		if (member) {
			await store.put('volunteers', {
				...member,
				homeStationId: transfer.toStationId,
				updatedAt: args.at,
				updatedBy: ctx.actorId
			});
		}
		await store.put('transfers', {
			...transfer,
			status: 'accepted',
			decidedAt: args.at,
			decidedBy: ctx.actorId,
			updatedAt: args.at,
			updatedBy: ctx.actorId
		});
	}
});

async function close(
	store: MutationStore,
	args: { id: string; at: string },
	actorId: string | null,
	status: 'declined' | 'cancelled'
) {
	const transfer = await openRequest(store, args.id);
	await store.put('transfers', {
		...transfer,
		status,
		decidedAt: args.at,
		decidedBy: actorId,
		updatedAt: args.at,
		updatedBy: actorId
	});
}

/** The new station (or its district admin) says no; she stays where she is. */
export const declineTransfer = defineMutation({
	name: 'transfer.decline',
	args: z.strictObject({ id: id(), at: instant() }),
	apply: (store, args, ctx) => close(store, args, ctx.actorId, 'declined')
});

/** Whoever asked takes the request back before it is decided. */
export const cancelTransfer = defineMutation({
	name: 'transfer.cancel',
	args: z.strictObject({ id: id(), at: instant() }),
	apply: (store, args, ctx) => close(store, args, ctx.actorId, 'cancelled')
});
