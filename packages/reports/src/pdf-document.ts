import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';

/** A cell of a table row; null is printed as "–". */
export type Cell = string | number | null;

export interface ReportMeta {
  title: string;
  subtitle?: string;
  /** Printed in the footer of the first page, e.g. "Stand: 01.12.2026, erstellt für gast". */
  footnote?: string;
}

const MARGIN = 50;
const WIDTH = 595.28 - 2 * MARGIN; // A4 portrait

/**
 * A German A4 report built top to bottom: headings, paragraphs, tables and SVG charts. The standard Helvetica
 * covers German (WinAnsi has ä, ö, ü, ß, „“ and –), so no font file ships with it.
 */
export class PdfReport {
  private readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;

  constructor(meta: ReportMeta) {
    this.doc = new PDFDocument({ size: 'A4', margin: MARGIN, lang: 'de-DE', info: { Title: meta.title, Author: 'Sozialraum' }, displayTitle: true });
    this.doc.on('data', (chunk: Buffer) => this.chunks.push(chunk));
    this.done = new Promise((resolve, reject) => {
      this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.doc.on('error', reject);
    });
    this.doc.font('Helvetica-Bold').fontSize(18).text(meta.title);
    if (meta.subtitle) this.doc.font('Helvetica').fontSize(11).fillColor('#444444').text(meta.subtitle).fillColor('black');
    if (meta.footnote) this.doc.font('Helvetica').fontSize(8).fillColor('#444444').text(meta.footnote).fillColor('black');
    this.doc.moveDown();
  }

  heading(text: string): this {
    this.room(60);
    this.doc.moveDown(0.5).font('Helvetica-Bold').fontSize(13).text(text).moveDown(0.3);
    return this;
  }

  paragraph(text: string, options: { small?: boolean } = {}): this {
    this.doc.font('Helvetica').fontSize(options.small ? 8 : 10).text(text, { width: WIDTH });
    return this;
  }

  /** A table with a bold header row; columns share the width by the given weights. */
  table(header: readonly string[], rows: ReadonlyArray<readonly Cell[]>, weights: readonly number[] = header.map(() => 1)): this {
    const total = weights.reduce((a, b) => a + b, 0);
    const widths = weights.map((w) => (w / total) * WIDTH);
    const line = (cells: readonly Cell[], bold: boolean) => {
      const texts = cells.map((c) => (c === null ? '–' : String(c)));
      this.doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
      const height = Math.max(...texts.map((t, i) => this.doc.heightOfString(t, { width: (widths[i] ?? 0) - 4 })));
      this.room(height + 4);
      const y = this.doc.y;
      let x = MARGIN;
      texts.forEach((t, i) => {
        this.doc.text(t, x, y, { width: (widths[i] ?? 0) - 4 });
        x += widths[i] ?? 0;
      });
      this.doc.x = MARGIN;
      this.doc.y = y + height + 3;
      this.doc.moveTo(MARGIN, this.doc.y - 1).lineTo(MARGIN + WIDTH, this.doc.y - 1).lineWidth(0.3).strokeColor('#999999').stroke();
    };
    line(header, true);
    for (const row of rows) line(row, false);
    this.doc.moveDown(0.5);
    return this;
  }

  /** An SVG (e.g. an ECharts chart) drawn as vectors at the full text width. */
  chart(svg: string, width: number, height: number): this {
    const scale = WIDTH / width;
    this.room(height * scale + 8);
    SVGtoPDF(this.doc, svg, MARGIN, this.doc.y, { width: WIDTH, height: height * scale, assumePt: true });
    this.doc.x = MARGIN;
    this.doc.y += height * scale + 8;
    return this;
  }

  /** Ends the document and gives its bytes. */
  finish(): Promise<Buffer> {
    this.doc.end();
    return this.done;
  }

  /** A new page when less than `needed` points are left. */
  private room(needed: number) {
    if (this.doc.y + needed > this.doc.page.height - MARGIN) this.doc.addPage();
  }
}
