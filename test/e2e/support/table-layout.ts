import type { Page } from 'playwright-core';

/**
 * The cells of the rows `rowSelector` picks that are not laid out as their row's cells: styled as
 * anything but a table cell (a class whose rule says `display: flex`, say), or with a box that
 * does not span the row, so that its borders run apart from the row's. Each as "row i, cell j
 * (class): display d, top t, height h against the row's top T, height H".
 */
export function cellsOffTheirRow(page: Page, rowSelector: string): Promise<string[]> {
  return page.evaluate(
    `Array.from(document.querySelectorAll(${JSON.stringify(rowSelector)})).flatMap((row, i) => {
      const box = row.getBoundingClientRect();
      return Array.from(row.children).flatMap((cell, j) => {
        const own = cell.getBoundingClientRect();
        const display = getComputedStyle(cell).display;
        const apart = display !== 'table-cell' || Math.abs(own.top - box.top) > 1 ||
          Math.abs(own.height - box.height) > 1;
        return apart
          ? ['row ' + i + ', cell ' + j + ' (' + cell.className + '): display ' + display + ', top ' +
             own.top + ', height ' + own.height + " against the row's top " + box.top + ', height ' +
             box.height]
          : [];
      });
    })`,
  );
}
