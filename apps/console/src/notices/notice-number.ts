// The number part of a notice's document number (文号): 〔2026〕第 12 号, the year in the hexagonal
// brackets GB/T 9704 asks for (U+3014 / U+3015, never 【】 or []), the serial number spaced.

/** `〔2026〕第 12 号`: throws a RangeError unless the year has four digits and n is a positive integer. */
export function noticeNumberText(year: number, n: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) {
    throw new RangeError(`a notice year has four digits, got ${year}`);
  }
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`a notice number is a positive integer, got ${n}`);
  return `\u3014${year}\u3015第 ${n} 号`;
}
