/**
 * A fake camera for Chromium (`--use-file-for-fake-video-capture`): a Y4M file showing one
 * grayscale picture, centred on a white frame. Y4M is raw video: a header, then frames of
 * luminance (Y) and colour (U, V at half size; 128 is no colour).
 */
import { writeFileSync } from 'node:fs';

export interface GrayImage {
	width: number;
	height: number;
	/** One byte of luminance per pixel, row by row. */
	pixels: Uint8Array;
}

export function writeY4m(file: string, image: GrayImage, width = 640, height = 480, frames = 5) {
	const y = new Uint8Array(width * height).fill(235);
	const left = Math.floor((width - image.width) / 2);
	const top = Math.floor((height - image.height) / 2);
	for (let row = 0; row < image.height; row++) {
		for (let col = 0; col < image.width; col++) {
			const x = left + col;
			const yy = top + row;
			if (x < 0 || yy < 0 || x >= width || yy >= height) continue;
			y[yy * width + x] = image.pixels[row * image.width + col]!;
		}
	}
	const chroma = new Uint8Array((width / 2) * (height / 2)).fill(128);
	const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
	const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma, chroma]);
	writeFileSync(file, Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]));
}
