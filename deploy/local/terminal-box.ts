/** Columns a string takes in a terminal: CJK and full-width characters take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    const wide =
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      code >= 0x20000;
    width += wide ? 2 : 1;
  }
  return width;
}

/** Lines framed in a box, padded to the widest by display width. */
export function box(lines: readonly string[]): string {
  const width = Math.max(...lines.map(displayWidth));
  const pad = (line: string) => line + ' '.repeat(width - displayWidth(line));
  return [
    `┌─${'─'.repeat(width)}─┐`,
    ...lines.map((line) => `│ ${pad(line)} │`),
    `└─${'─'.repeat(width)}─┘`,
  ].join('\n');
}
