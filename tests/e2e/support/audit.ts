/**
 * The checks run on every screen: axe-core with every rule it has (best practices, WCAG 2.2's
 * target size and the experimental ones included; only deprecated rules and AAA's 7:1 contrast
 * left out), and the sizes older eyes and hands need, measured in the page: every touch target at
 * least 44 px (60 px with large text), and with large text every piece of text at least 18 px and
 * the page's title at least 30 px (MIIT 2021 elderly-friendly guidance); and no page wider than
 * the screen.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import axe from 'axe-core';
import type { Page } from '@playwright/test';
import type { TextSize } from './screens';

/** AAA asks 7:1; the guidance we follow asks 4.5:1, which `color-contrast` checks. */
const LEFT_OUT = new Set(['color-contrast-enhanced']);

/** Every rule this axe-core has, but the deprecated ones and those left out above. */
const rules = axe
	.getRules()
	.filter((rule) => !rule.tags.includes('deprecated') && !LEFT_OUT.has(rule.ruleId))
	.map((rule) => rule.ruleId);

/** axe-core's minified build, put into a page once per document (not once per check). */
const axeSource = readFileSync(
	createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
	'utf8'
);

/** Axe's violations on the page as it is now, one line each: rule, impact, where. */
export async function axeViolations(page: Page): Promise<string[]> {
	// Evaluated rather than added as a script tag: the app's content security policy allows no
	// inline script, and evaluation is not subject to it.
	if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
	return page.evaluate(async (rules) => {
		const { axe } = window as unknown as { axe: typeof import('axe-core') };
		const results = await axe.run(document, {
			runOnly: { type: 'rule', values: rules },
			resultTypes: ['violations']
		});
		return results.violations.flatMap((v) =>
			v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary}`)
		);
	}, rules);
}

/** What is too small on the page for the text size it is shown at, one line each. */
export async function sizeProblems(page: Page, size: TextSize): Promise<string[]> {
	return page.evaluate((size) => {
		const minTarget = size === 'large' ? 60 : 44;
		const problems: string[] = [];
		const shown = (el: Element) => {
			const box = el.getBoundingClientRect();
			if (box.width === 0 || box.height === 0) return false;
			if (getComputedStyle(el).visibility === 'hidden') return false;
			// Text kept for assistive technology only.
			for (let e: Element | null = el; e; e = e.parentElement) {
				const style = getComputedStyle(e);
				if (style.clip === 'rect(0px, 0px, 0px, 0px)' && style.position === 'absolute')
					return false;
			}
			return true;
		};
		const describe = (el: Element) => {
			const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
			const label = el.getAttribute('aria-label') ?? el.getAttribute('id') ?? '';
			return `<${el.tagName.toLowerCase()}> "${text || label}"`;
		};

		// Touch targets: what a finger presses. A checkbox, a radio or a file picker is pressed
		// through its label.
		const targets = new Set<Element>();
		document
			.querySelectorAll(
				'a[href], button, select, textarea, summary, input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=file])'
			)
			.forEach((el) => targets.add(el));
		document
			.querySelectorAll('input[type=checkbox], input[type=radio], input[type=file]')
			.forEach((input) => {
				const label =
					input.closest('label') ??
					(input.id ? document.querySelector(`label[for="${input.id}"]`) : null);
				targets.add(label ?? input);
			});
		for (const el of targets) {
			if (!shown(el)) continue;
			const box = el.getBoundingClientRect();
			if (box.height < minTarget - 0.5 || box.width < minTarget - 0.5) {
				problems.push(
					`target ${Math.round(box.width)}×${Math.round(box.height)} < ${minTarget}: ${describe(el)}`
				);
			}
		}

		// Nothing wider than the screen: no sideways scrolling.
		const overflow = document.documentElement.scrollWidth - window.innerWidth;
		if (overflow > 1) problems.push(`page ${overflow}px wider than the screen`);

		if (size === 'large') {
			// Every piece of text, and what is typed into fields, at 18 px or more.
			const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
			const small = new Set<Element>();
			for (let node = walker.nextNode(); node; node = walker.nextNode()) {
				const el = node.parentElement;
				if (!el || !(node.textContent ?? '').trim() || small.has(el)) continue;
				if (el.closest('script, style, title, option') || !shown(el)) continue;
				if (parseFloat(getComputedStyle(el).fontSize) < 17.5) small.add(el);
			}
			document.querySelectorAll('input, select, textarea').forEach((el) => {
				if (shown(el) && parseFloat(getComputedStyle(el).fontSize) < 17.5) small.add(el);
			});
			for (const el of small) {
				problems.push(`text ${getComputedStyle(el).fontSize} < 18px: ${describe(el)}`);
			}
			const h1 = document.querySelector('h1');
			if (h1 && parseFloat(getComputedStyle(h1).fontSize) < 29.5) {
				problems.push(`title ${getComputedStyle(h1).fontSize} < 30px: ${describe(h1)}`);
			}
		}
		return problems;
	}, size);
}
