export { default as InstallButton } from './InstallButton.svelte';
export { default as UpdatePrompt } from './UpdatePrompt.svelte';
