import { defineConfig, minimal2023Preset } from '@vite-pwa/assets-generator/config';

// Icons for the web app manifest, all made from static/icon.svg: run `npx pwa-assets-generator` after
// changing it and commit the PNGs. The mark keeps to the inner 80% circle, so the maskable icon
// needs no padding, only the primary colour behind the rounded corners.
export default defineConfig({
	headLinkOptions: { preset: '2023' },
	preset: {
		...minimal2023Preset,
		maskable: {
			sizes: [512],
			padding: 0,
			resizeOptions: { background: '#b3264a' }
		},
		apple: {
			sizes: [180],
			padding: 0,
			resizeOptions: { background: '#b3264a' }
		}
	},
	images: ['static/icon.svg']
});
