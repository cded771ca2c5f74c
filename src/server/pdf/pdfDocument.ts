import PDFDocument from 'pdfkit';
import { printDate } from './printDates.js';
import { toWinAnsi } from './winAnsi.js';

/**
 * The page frame every printed record shares: US Letter, a header naming the patient, the program,
 * the document's version and whether it is signed on every page (so a loose page can be put back
 * and a draft cannot pass for a signed copy), and a footer with the page count and the 42 CFR
 * Part 2 confidentiality line. Documents draw their body through `PdfWriter`, which keeps
 * headings with what follows them and lets long text flow onto new pages.
 */

export const CONFIDENTIALITY_LINE =
  'Confidential substance use disorder treatment record (42 CFR Part 2). For the patient and the treating program.';

/** Whose record it is, as every page's header says. */
export interface PrintedPatient {
  name: string;
  dateOfBirth: string;
  /** The program the patient is (or was last) enrolled in; null before any enrolment. */
  programName: string | null;
}

export interface PrintHeader {
  /** "Treatment plan", "Relapse prevention plan". */
  documentTitle: string;
  patient: PrintedPatient;
  /** "Version 3". */
  versionLabel: string;
  /** "Signed", "Draft — not signed" … */
  statusLabel: string;
  /** Printed in red on every page: a copy that must not be taken for the final one. */
  statusWarning: boolean;
}

export interface PdfMetadata {
  /** The document's title in the file's properties; no patient name (file properties show in previews). */
  title: string;
  /** From the app's clock, so the same record printed at the same moment gives the same bytes. */
  createdAt: Date;
}

export interface TextOptions {
  bold?: boolean;
  italic?: boolean;
  size?: number;
  /** Points from the left margin. */
  indent?: number;
  color?: string;
}

export interface PdfWriter {
  heading(text: string, level: 1 | 2 | 3, indent?: number): void;
  text(text: string, options?: TextOptions): void;
  /** `Label: value`, the label in bold. */
  labelled(label: string, value: string, options?: Omit<TextOptions, 'bold'>): void;
  bullets(items: readonly string[], options?: Omit<TextOptions, 'bold'>): void;
  gap(points?: number): void;
  /** Draws `draw` inside a ruled box, moved whole to the next page when it would not fit. */
  box(estimatedHeight: number, draw: () => void): void;
}

const PAGE = { width: 612, height: 792 };
const MARGIN = { top: 86, bottom: 62, left: 54, right: 54 };
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const BODY_SIZE = 10;
const INK = '#111111';
const MUTED = '#444444';
const WARNING = '#b00020';

const fontOf = (options: { bold?: boolean | undefined; italic?: boolean | undefined }): string =>
  options.bold
    ? options.italic
      ? 'Helvetica-BoldOblique'
      : 'Helvetica-Bold'
    : options.italic
      ? 'Helvetica-Oblique'
      : 'Helvetica';

const HEADING_SIZES = { 1: 14, 2: 12, 3: 10.5 } as const;

const writerFor = (doc: PDFKit.PDFDocument): PdfWriter => {
  const startAt = (indent: number) => MARGIN.left + indent;
  /** Starts a new page when fewer than `points` remain, so a heading never ends a page. */
  const keepSpace = (points: number) => {
    if (doc.y + points > PAGE.height - MARGIN.bottom) doc.addPage();
  };
  const write = (text: string, options: TextOptions = {}) => {
    const indent = options.indent ?? 0;
    doc
      .font(fontOf(options))
      .fontSize(options.size ?? BODY_SIZE)
      .fillColor(options.color ?? INK)
      .text(toWinAnsi(text), startAt(indent), doc.y, { width: CONTENT_WIDTH - indent, lineGap: 1.5 });
  };
  return {
    heading: (text, level, indent = 0) => {
      const size = HEADING_SIZES[level];
      doc.y += level === 1 ? 8 : 4;
      keepSpace(size * 4);
      write(text, { bold: true, size, indent });
      doc.y += 2;
    },
    text: write,
    labelled: (label, value, options = {}) => {
      const indent = options.indent ?? 0;
      doc
        .font(fontOf({ bold: true, italic: options.italic }))
        .fontSize(options.size ?? BODY_SIZE)
        .fillColor(options.color ?? INK)
        .text(toWinAnsi(`${label}: `), startAt(indent), doc.y, {
          width: CONTENT_WIDTH - indent,
          lineGap: 1.5,
          continued: true,
        })
        .font(fontOf({ italic: options.italic }))
        .text(toWinAnsi(value));
    },
    bullets: (items, options = {}) => {
      const indent = options.indent ?? 0;
      const size = options.size ?? BODY_SIZE;
      for (const item of items) {
        // The bullet and the item's first line share a page.
        keepSpace(size * 1.6);
        const top = doc.y;
        doc
          .font('Helvetica')
          .fontSize(size)
          .fillColor(options.color ?? INK);
        doc.text('•', startAt(indent), top, { lineBreak: false });
        doc.y = top;
        write(item, { ...options, indent: indent + 12 });
      }
    },
    gap: (points = 6) => {
      doc.y += points;
    },
    box: (estimatedHeight, draw) => {
      keepSpace(estimatedHeight + 16);
      const top = doc.y;
      doc.y += 8;
      draw();
      doc.y += 6;
      doc
        .lineWidth(1.5)
        .strokeColor(WARNING)
        .rect(MARGIN.left - 6, top, CONTENT_WIDTH + 12, doc.y - top)
        .stroke();
      doc.y += 6;
    },
  };
};

/** Header and footer, drawn on every page once the body is laid out and the page count is known. */
const drawFrame = (doc: PDFKit.PDFDocument, header: PrintHeader, page: number, pages: number) => {
  // Writing in the margins must not make pdfkit start another page.
  const margins = doc.page.margins;
  doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
  const right = PAGE.width - MARGIN.right;
  const statusWidth = 190;
  doc
    .font('Helvetica-Bold')
    .fontSize(11)
    .fillColor(INK)
    .text(toWinAnsi(`${header.documentTitle}: ${header.patient.name}`), MARGIN.left, 30, {
      width: CONTENT_WIDTH - statusWidth - 8,
      height: 14,
      ellipsis: true,
      lineBreak: false,
    });
  doc
    .font('Helvetica-Bold')
    .fontSize(10)
    .fillColor(header.statusWarning ? WARNING : INK)
    .text(toWinAnsi(`${header.versionLabel} · ${header.statusLabel}`), right - statusWidth, 31, {
      width: statusWidth,
      align: 'right',
      lineBreak: false,
    });
  doc
    .font('Helvetica')
    .fontSize(9)
    .fillColor(MUTED)
    .text(
      toWinAnsi(
        `Date of birth: ${printDate(header.patient.dateOfBirth)}   ·   Program: ${header.patient.programName ?? 'not enrolled'}`,
      ),
      MARGIN.left,
      48,
      { width: CONTENT_WIDTH, height: 12, ellipsis: true, lineBreak: false },
    );
  doc.lineWidth(0.75).strokeColor(MUTED).moveTo(MARGIN.left, 64).lineTo(right, 64).stroke();

  const footerTop = PAGE.height - 46;
  doc.lineWidth(0.5).strokeColor(MUTED).moveTo(MARGIN.left, footerTop).lineTo(right, footerTop).stroke();
  doc
    .font('Helvetica')
    .fontSize(8)
    .fillColor(MUTED)
    .text(CONFIDENTIALITY_LINE, MARGIN.left, footerTop + 8, { width: CONTENT_WIDTH - 70, lineBreak: true });
  doc
    .font('Helvetica')
    .fontSize(8)
    .fillColor(MUTED)
    .text(`Page ${page} of ${pages}`, right - 70, footerTop + 8, {
      width: 70,
      align: 'right',
      lineBreak: false,
    });
  doc.page.margins = margins;
};

/** Lays out a document and returns the finished PDF. */
export const renderPdf = (
  header: PrintHeader,
  metadata: PdfMetadata,
  drawBody: (writer: PdfWriter) => void,
): Promise<Buffer> =>
  new Promise<Buffer>((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'LETTER',
      margins: MARGIN,
      bufferPages: true,
      lang: 'en-US',
      displayTitle: true,
      info: {
        Title: metadata.title,
        Creator: 'OpenIOP',
        Producer: 'OpenIOP',
        CreationDate: metadata.createdAt,
        ModDate: metadata.createdAt,
      },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    try {
      doc.x = MARGIN.left;
      doc.y = MARGIN.top;
      drawBody(writerFor(doc));
      const { start, count } = doc.bufferedPageRange();
      for (let i = start; i < start + count; i++) {
        doc.switchToPage(i);
        drawFrame(doc, header, i - start + 1, count);
      }
      doc.end();
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
