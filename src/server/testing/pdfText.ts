import { inflateSync } from 'node:zlib';

/**
 * Reads back what a PDF shows, for tests: the pages in the order the page tree lists them, and the
 * text each page's content stream draws. It reads the files pdfkit writes (plain objects, Flate
 * content streams, text as hex or literal strings in Tj/TJ with WinAnsi encoding), not every PDF:
 * a file it cannot follow throws rather than reading as empty, so an assertion on its text cannot
 * pass by accident.
 */

export interface PdfReading {
  /** Pages the page tree lists. */
  pageCount: number;
  /** Each page's text: one line per text object. */
  pages: string[];
  /** Every page's text, whitespace collapsed to single spaces (wrapped lines join with a space). */
  text: string;
}

interface PdfObject {
  dictionary: string;
  stream: Buffer | null;
}

/** What WinAnsi puts in 0x80–0x9F (Node's decoder reads those bytes as control codes). */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const winAnsi = (bytes: readonly number[]): string =>
  bytes
    .map((b) => (b >= 0x80 && b <= 0x9f ? (CP1252_HIGH[b - 0x80] ?? '') : String.fromCharCode(b)))
    .join('');

/** Every `n 0 obj … endobj` of the file, by object number. */
const objectsOf = (pdf: Buffer): Map<number, PdfObject> => {
  const objects = new Map<number, PdfObject>();
  const source = pdf.toString('latin1');
  const header = /(\d+) 0 obj\s*/g;
  let match: RegExpExecArray | null;
  while ((match = header.exec(source)) !== null) {
    const start = match.index + match[0].length;
    const endAt = source.indexOf('endobj', start);
    const streamAt = source.indexOf('stream', start);
    if (endAt < 0) throw new Error(`object ${match[1]} has no endobj`);
    if (streamAt < 0 || streamAt > endAt) {
      objects.set(Number(match[1]), { dictionary: source.slice(start, endAt), stream: null });
      header.lastIndex = endAt;
      continue;
    }
    // A stream's bytes are skipped by their /Length, never searched: compressed data can hold any text.
    const dictionary = source.slice(start, streamAt);
    const length = /\/Length (\d+)/.exec(dictionary);
    if (!length) throw new Error(`stream of object ${match[1]} has no direct /Length`);
    const dataStart = streamAt + (source[streamAt + 6] === '\r' ? 8 : 7);
    const dataEnd = dataStart + Number(length[1]);
    const raw = pdf.subarray(dataStart, dataEnd);
    const stream = dictionary.includes('/FlateDecode') ? inflateSync(raw) : Buffer.from(raw);
    objects.set(Number(match[1]), { dictionary, stream });
    const end = source.indexOf('endobj', dataEnd);
    if (end < 0) throw new Error(`object ${match[1]} has no endobj`);
    header.lastIndex = end;
  }
  return objects;
};

const reference = (dictionary: string, key: string): number | null => {
  const found = new RegExp(`/${key} (\\d+) 0 R`).exec(dictionary);
  return found ? Number(found[1]) : null;
};

/** The page objects in order, following /Root → /Pages → /Kids (nested page trees included). */
const pageObjects = (pdf: Buffer, objects: Map<number, PdfObject>): PdfObject[] => {
  const trailer = pdf.toString('latin1').lastIndexOf('trailer');
  const root = reference(pdf.toString('latin1').slice(trailer), 'Root');
  const catalog = root === null ? undefined : objects.get(root);
  const tree = catalog ? reference(catalog.dictionary, 'Pages') : null;
  if (tree === null) throw new Error('no page tree');
  const walk = (id: number): PdfObject[] => {
    const node = objects.get(id);
    if (!node) throw new Error(`missing page tree object ${id}`);
    if (/\/Type \/Page\b(?!s)/.test(node.dictionary)) return [node];
    const kids = /\/Kids \[([^\]]*)\]/.exec(node.dictionary)?.[1] ?? '';
    return [...kids.matchAll(/(\d+) 0 R/g)].flatMap((k) => walk(Number(k[1])));
  };
  return walk(tree);
};

/** A literal string `( … )` with its escapes, from the byte after the opening parenthesis. */
const literalString = (content: string, from: number): { bytes: number[]; end: number } => {
  const bytes: number[] = [];
  let depth = 0;
  let i = from;
  const escapes: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92 };
  for (; i < content.length; i++) {
    const c = content[i] ?? '';
    if (c === '\\') {
      const next = content[i + 1] ?? '';
      const octal = /^[0-7]{1,3}/.exec(content.slice(i + 1, i + 4));
      if (octal) {
        bytes.push(parseInt(octal[0], 8));
        i += octal[0].length;
      } else {
        if (next in escapes) bytes.push(escapes[next] ?? 0);
        i += 1;
      }
    } else if (c === '(') {
      depth += 1;
      bytes.push(40);
    } else if (c === ')') {
      if (depth === 0) return { bytes, end: i + 1 };
      depth -= 1;
      bytes.push(41);
    } else bytes.push(c.charCodeAt(0));
  }
  throw new Error('unterminated string in a content stream');
};

/** The text a content stream draws: each BT … ET object's strings, one line per text object. */
const textOfContent = (content: string): string[] => {
  const lines: string[] = [];
  const blocks = /BT([\s\S]*?)ET/g;
  let block: RegExpExecArray | null;
  while ((block = blocks.exec(content)) !== null) {
    const body = block[1] ?? '';
    const bytes: number[] = [];
    for (let i = 0; i < body.length; i++) {
      const c = body[i];
      if (c === '<' && body[i + 1] !== '<') {
        const close = body.indexOf('>', i);
        const hex = body.slice(i + 1, close).replace(/\s+/g, '');
        for (let h = 0; h < hex.length; h += 2) bytes.push(parseInt(hex.slice(h, h + 2).padEnd(2, '0'), 16));
        i = close;
      } else if (c === '(') {
        const literal = literalString(body, i + 1);
        bytes.push(...literal.bytes);
        i = literal.end - 1;
      }
    }
    lines.push(winAnsi(bytes));
  }
  return lines;
};

/** Reads a PDF's pages and their text. */
export const readPdf = (pdf: Buffer): PdfReading => {
  if (!pdf.subarray(0, 5).equals(Buffer.from('%PDF-'))) throw new Error('not a PDF: no %PDF- header');
  const objects = objectsOf(pdf);
  const pages = pageObjects(pdf, objects).map((page) => {
    const contents = /\/Contents (?:(\d+) 0 R|\[([^\]]*)\])/.exec(page.dictionary);
    if (!contents) return '';
    const ids = contents[1]
      ? [contents[1]]
      : [...(contents[2] ?? '').matchAll(/(\d+) 0 R/g)].map((m) => m[1]);
    return ids
      .map((id) => {
        const stream = objects.get(Number(id))?.stream;
        if (!stream) throw new Error(`page content ${id} has no stream`);
        return textOfContent(stream.toString('latin1')).join('\n');
      })
      .join('\n');
  });
  return {
    pageCount: pages.length,
    pages,
    // A line that ends in a hyphenated word's first half ("re-" / "entered") joins the next without a space.
    text: asPrinted(pages.join('\n').replace(/(\p{L}-)\n/gu, '$1')),
  };
};

/** The text as `readPdf` joins it, for comparing with what a test wrote into the record. */
export const asPrinted = (text: string): string => text.replace(/\s+/g, ' ').trim();
