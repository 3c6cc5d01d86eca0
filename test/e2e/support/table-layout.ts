import type { Page } from 'playwright-core';

/**
 * The cells of the rows `rowSelector` picks whose box does not span their row: a cell styled as
 * anything but a table cell (a global `display: flex`, say) sits apart from its row, off its
 * borders. Each as "row i, cell j (class): top t, height h against the row's top T, height H".
 */
export function cellsOffTheirRow(page: Page, rowSelector: string): Promise<string[]> {
  return page.evaluate(
    `Array.from(document.querySelectorAll(${JSON.stringify(rowSelector)})).flatMap((row, i) => {
      const box = row.getBoundingClientRect();
      return Array.from(row.children).flatMap((cell, j) => {
        const own = cell.getBoundingClientRect();
        const apart = Math.abs(own.top - box.top) > 1 || Math.abs(own.height - box.height) > 1;
        return apart
          ? ['row ' + i + ', cell ' + j + ' (' + cell.className + '): top ' + own.top + ', height ' +
             own.height + " against the row's top " + box.top + ', height ' + box.height]
          : [];
      });
    })`,
  );
}
