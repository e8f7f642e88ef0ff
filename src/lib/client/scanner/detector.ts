/**
 * A QR code reader for the roster's camera: the browser's own `BarcodeDetector` where it has one
 * that reads QR codes, else the `barcode-detector` polyfill, whose ZXing WebAssembly file is built
 * into the app (`?url`), served from our own origin and precached by the service worker, so
 * scanning works offline and never calls a CDN (the polyfill's default). Loaded only by the
 * roster's scan panel.
 */
export interface QrReader {
	detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}

interface NativeDetector {
	new (options: { formats: string[] }): QrReader;
	getSupportedFormats(): Promise<string[]>;
}

export async function qrReader(): Promise<QrReader> {
	const native = (globalThis as { BarcodeDetector?: NativeDetector }).BarcodeDetector;
	const formats: string[] = native ? await native.getSupportedFormats().catch(() => []) : [];
	if (native && formats.includes('qr_code')) {
		return new native({ formats: ['qr_code'] });
	}
	const [{ BarcodeDetector, prepareZXingModule }, { default: wasmUrl }] = await Promise.all([
		import('barcode-detector/ponyfill'),
		import('zxing-wasm/reader/zxing_reader.wasm?url')
	]);
	prepareZXingModule({
		overrides: {
			locateFile: (path: string, prefix: string) =>
				path.endsWith('.wasm') ? wasmUrl : prefix + path
		}
	});
	return new BarcodeDetector({ formats: ['qr_code'] });
}
