/**
 * The printed copies use the PDF standard fonts (Helvetica), which need no font file on the server
 * and embed nothing, but can show only the Windows-1252 (WinAnsi) characters. pdfkit writes any
 * other character as a broken code, so every string is made safe here first: typographic spaces
 * become spaces, a few common symbols get a plain spelling, accents that have no WinAnsi form are
 * dropped (ą → a), and what is left becomes "?" rather than garbage.
 */

/** The characters Windows-1252 places in 0x80–0x9F, which Latin-1 leaves to control codes. */
const CP1252_EXTRAS = new Set([
  0x20ac, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x017d,
  0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x017e,
  0x0178,
]);

const PLAIN_SPELLINGS: Readonly<Record<string, string>> = {
  '\u2192': '->',
  '\u2190': '<-',
  '\u2194': '<->',
  '\u2264': '<=',
  '\u2265': '>=',
  '\u2260': '!=',
  '\u2212': '-',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2015': '-',
  '\u2032': "'",
  '\u2033': '"',
  '\u2713': 'v',
  '\u2714': 'v',
  '\u2715': 'x',
  '\u2717': 'x',
  '\u0141': 'L',
  '\u0142': 'l',
  '\u0110': 'D',
  '\u0111': 'd',
  '\u0131': 'i',
};

const isWinAnsi = (code: number): boolean =>
  (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || CP1252_EXTRAS.has(code);

const isSpace = (char: string): boolean => /^[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]$/u.test(char);

const ZERO_WIDTH = /^[\u200b-\u200d\u2060\ufeff\u00ad]$/u;

const safeChar = (char: string): string => {
  if (char === '\n') return '\n';
  const code = char.codePointAt(0) ?? 0;
  if (isWinAnsi(code)) return char;
  if (isSpace(char) || /^\p{Cc}$/u.test(char)) return ' ';
  if (ZERO_WIDTH.test(char)) return '';
  const plain = PLAIN_SPELLINGS[char];
  if (plain !== undefined) return plain;
  // A letter with a mark WinAnsi lacks (ą, ő, ș): keep the base letter.
  const base = char.normalize('NFD').replace(/\p{M}+/gu, '');
  if (base.length > 0 && [...base].every((c) => isWinAnsi(c.codePointAt(0) ?? 0))) return base;
  return '?';
};

/** The text as the standard PDF fonts can show it; line breaks are kept, other controls become spaces. */
export const toWinAnsi = (text: string): string =>
  [...text.normalize('NFC').replace(/\r\n?/g, '\n')].map(safeChar).join('');
