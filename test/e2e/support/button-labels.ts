import type { Page } from 'playwright-core';

/**
 * The buttons `selector` picks whose label cannot be read: text in the colour of the button's
 * own background (two style sheets' rules for one class, say). Each as "label: colour on
 * background".
 */
export function unreadableButtons(page: Page, selector: string): Promise<string[]> {
  return page.evaluate(
    `Array.from(document.querySelectorAll(${JSON.stringify(selector)})).flatMap((button) => {
      const style = getComputedStyle(button);
      return style.color === style.backgroundColor
        ? [button.textContent + ': ' + style.color + ' on ' + style.backgroundColor]
        : [];
    })`,
  );
}
