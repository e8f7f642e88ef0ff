import { describe, expect, it } from 'vitest';
import { MAX_PHOTO_CHARS } from '$lib/domain/schemas';
import { fitWithin, PHOTO_QUALITIES, smallestFit, type Size } from './shrink-photo';

/** A stand-in encoder whose output grows with the pixels and the quality, recording each call. */
function fakeEncoder(charsPerPixelAtBest: number, type = 'image/jpeg') {
	const calls: [Size, number][] = [];
	const encode = (size: Size, quality: number) => {
		calls.push([size, quality]);
		const length = Math.round(size.width * size.height * charsPerPixelAtBest * quality);
		return `data:${type};base64,${'A'.repeat(length)}`;
	};
	return { calls, encode };
}

describe('fitWithin', () => {
	it('scales a camera picture down to 640 pixels on its long side, keeping its shape', () => {
		expect(fitWithin({ width: 4032, height: 3024 })).toEqual({ width: 640, height: 480 });
		expect(fitWithin({ width: 3024, height: 4032 })).toEqual({ width: 480, height: 640 });
	});

	it('leaves a small picture as it is', () => {
		expect(fitWithin({ width: 300, height: 200 })).toEqual({ width: 300, height: 200 });
	});
});

describe('smallestFit', () => {
	it('keeps the best quality that fits under the limit', () => {
		const { calls, encode } = fakeEncoder(0.3);
		const result = smallestFit({ width: 4032, height: 3024 }, encode);
		expect(result.ok).toBe(true);
		if (result.ok) expect(result.dataUrl.length).toBeLessThanOrEqual(MAX_PHOTO_CHARS);
		// 640 × 480 × 0.3 × q ≤ 70,000 first holds at q = 0.75.
		expect(calls.map(([, q]) => q)).toEqual([0.85, 0.75]);
		expect(calls[0]![0]).toEqual({ width: 640, height: 480 });
	});

	it('tries a smaller size when even the lowest quality is too large', () => {
		const { calls, encode } = fakeEncoder(0.8);
		const result = smallestFit({ width: 4032, height: 3024 }, encode);
		expect(result.ok).toBe(true);
		// Every quality at 640 px is too large; at 480 px, 0.45 is the first that fits.
		expect(calls.at(-1)).toEqual([{ width: 480, height: 360 }, 0.45]);
		expect(calls).toHaveLength(PHOTO_QUALITIES.length + 5);
	});

	it('says the photo is too large when nothing fits, without trying one size twice', () => {
		const { calls, encode } = fakeEncoder(100);
		expect(smallestFit({ width: 300, height: 300 }, encode)).toEqual({
			ok: false,
			code: 'photo_too_large'
		});
		// 300 px is under every size tried: one round of qualities.
		expect(calls).toHaveLength(PHOTO_QUALITIES.length);
	});

	it('refuses a picture the browser cannot write as JPEG, or one without pixels', () => {
		expect(smallestFit({ width: 640, height: 480 }, fakeEncoder(0.1, 'image/png').encode)).toEqual({
			ok: false,
			code: 'invalid_photo'
		});
		expect(smallestFit({ width: 0, height: 0 }, fakeEncoder(0.1).encode)).toEqual({
			ok: false,
			code: 'invalid_photo'
		});
	});
});
