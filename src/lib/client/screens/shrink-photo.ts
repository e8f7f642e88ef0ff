/**
 * A photo for a pairing's activity log, made small on the device before it is saved: a tablet's
 * camera picture is megabytes, and a stored photo syncs with its record over patchy mobile data.
 * The picture is drawn at most `MAX_PHOTO_SIDE` pixels on its long side and saved as JPEG at the
 * best quality whose data URL fits `MAX_PHOTO_CHARS`; if none does, smaller sizes are tried.
 * Everything happens offline, in the browser.
 */
import { MAX_PHOTO_CHARS } from '$lib/domain/schemas';

/** The long side of a saved photo, in pixels. */
export const MAX_PHOTO_SIDE = 640;

/** JPEG qualities tried in turn, the best first. */
export const PHOTO_QUALITIES = [0.85, 0.75, 0.65, 0.55, 0.45, 0.35] as const;

/** Long sides tried in turn when even the lowest quality is too large at the one before. */
export const PHOTO_SIDES = [MAX_PHOTO_SIDE, 480, 320] as const;

export interface Size {
	width: number;
	height: number;
}

/** The size a picture is drawn at: its own if it fits, else scaled so its long side is `side`. */
export function fitWithin(size: Size, side: number = MAX_PHOTO_SIDE): Size {
	const long = Math.max(size.width, size.height);
	if (long <= side) return { width: size.width, height: size.height };
	const scale = side / long;
	return {
		width: Math.max(1, Math.round(size.width * scale)),
		height: Math.max(1, Math.round(size.height * scale))
	};
}

export type ShrinkResult =
	{ ok: true; dataUrl: string } | { ok: false; code: 'invalid_photo' | 'photo_too_large' };

/** Draws the picture at a size and encodes it as a JPEG data URL at a quality. */
export type Encode = (size: Size, quality: number) => string;

/**
 * The first data URL, best size and quality first, that is a JPEG of at most `limit` characters.
 * A browser that cannot write JPEG gives another type: the photo is then refused as unreadable.
 */
export function smallestFit(source: Size, encode: Encode, limit = MAX_PHOTO_CHARS): ShrinkResult {
	if (!(source.width > 0 && source.height > 0)) return { ok: false, code: 'invalid_photo' };
	let tried: Size | null = null;
	for (const side of PHOTO_SIDES) {
		const size = fitWithin(source, side);
		// A picture already smaller than this side was tried at its own size.
		if (tried && tried.width === size.width && tried.height === size.height) continue;
		tried = size;
		for (const quality of PHOTO_QUALITIES) {
			const dataUrl = encode(size, quality);
			if (!dataUrl.startsWith('data:image/jpeg;base64,')) {
				return { ok: false, code: 'invalid_photo' };
			}
			if (dataUrl.length <= limit) return { ok: true, dataUrl };
		}
	}
	return { ok: false, code: 'photo_too_large' };
}

/** Loads a picked file as an image (turned upright as the camera took it), or null if it is none. */
async function loadImage(file: Blob): Promise<HTMLImageElement | null> {
	const url = URL.createObjectURL(file);
	try {
		const image = new Image();
		image.src = url;
		await image.decode();
		return image;
	} catch {
		return null;
	} finally {
		URL.revokeObjectURL(url);
	}
}

/** A picked file (camera or gallery) as a photo small enough to save, or why it cannot be. */
export async function shrinkPhoto(file: Blob): Promise<ShrinkResult> {
	if (file.type && !file.type.startsWith('image/')) return { ok: false, code: 'invalid_photo' };
	const image = await loadImage(file);
	if (!image) return { ok: false, code: 'invalid_photo' };
	const canvas = document.createElement('canvas');
	const context = canvas.getContext('2d');
	if (!context) return { ok: false, code: 'invalid_photo' };
	return smallestFit(
		{ width: image.naturalWidth, height: image.naturalHeight },
		(size, quality) => {
			canvas.width = size.width;
			canvas.height = size.height;
			// A transparent PNG would turn black as JPEG: paper white behind it.
			context.fillStyle = '#fff';
			context.fillRect(0, 0, size.width, size.height);
			context.drawImage(image, 0, 0, size.width, size.height);
			return canvas.toDataURL('image/jpeg', quality);
		}
	);
}
