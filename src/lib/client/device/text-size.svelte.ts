/**
 * Large text (长辈模式): one switch in the header, on every screen. The choice applies at once
 * through the root element's `data-text` (src/app.css scales type, spacing and touch targets from
 * it) and is remembered for the device, which the sign-in and lock screens follow, and for the
 * account that made it, which follows her to whichever of her devices she unlocks on this one.
 */
import { setTextSizeSetting, textSizeSetting, type TextSize } from './device';

class TextSizeChoice {
	current = $state<TextSize>('normal');
	#accountId: string | null = null;

	#apply(size: TextSize) {
		this.current = size;
		document.documentElement.dataset.text = size;
	}

	/** Before anyone unlocks: the device's last choice. */
	async useDevice(): Promise<void> {
		this.#accountId = null;
		this.#apply((await textSizeSetting(null)) ?? this.current);
	}

	/** An account unlocked: her own choice, else the device's stays. */
	async useAccount(accountId: string): Promise<void> {
		this.#accountId = accountId;
		const own = await textSizeSetting(accountId);
		if (own) this.#apply(own);
	}

	async set(size: TextSize): Promise<void> {
		this.#apply(size);
		await setTextSizeSetting(this.#accountId, size);
	}
}

export const textSize = new TextSizeChoice();
