// Texts that follow the language: `label()` makes an element whose text is one key of the texts,
// and `relabelMarked()` rewrites every such element (and every level name) in the new language.
import type { WallLevel } from '../../../../libs/contracts/src/wall-protocol';
import { h } from './dom';
import { t, type Texts } from './i18n';

export type TextKey = { [K in keyof Texts]: Texts[K] extends string ? K : never }[keyof Texts];

/** An element whose text follows the language. */
export function label<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  key: TextKey,
  className = '',
): HTMLElementTagNameMap[K] {
  return h(tag, { class: className, text: t()[key], data: { i18n: key } });
}

/** Every element below `root` made by `label()` or marked with a level, in the current language. */
export function relabelMarked(root: HTMLElement): void {
  for (const element of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const key = element.dataset.i18n as TextKey;
    element.textContent = t()[key];
  }
  for (const element of root.querySelectorAll<HTMLElement>('[data-i18n-level]')) {
    element.textContent = t().levels[element.dataset.i18nLevel as WallLevel];
  }
}
