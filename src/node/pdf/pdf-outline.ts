/**
 * The PDF's bookmarks, one per section of the deck (its first slide's title), with the section's other slides
 * under it: what a reader of a long talk's PDF jumps by. Written with pdf-lib into the PDF Chromium printed.
 */
import type { PDFRef } from 'pdf-lib';
import type { PrintedPage } from './print-view.js';

export interface OutlineItem {
  title: string;
  /** index of the page in the PDF */
  page: number;
  children: OutlineItem[];
}

/** Sections in order of first appearance; a slide without a section is an entry of its own. Steps count once. */
export function outlineOf(pages: PrintedPage[]): OutlineItem[] {
  const items: OutlineItem[] = [];
  let open: { section: string; item: OutlineItem } | null = null;
  pages.forEach((p, i) => {
    if (pages.slice(0, i).some((q) => q.slide === p.slide)) return;
    const entry: OutlineItem = { title: p.title, page: i, children: [] };
    if (p.section && open?.section === p.section) open.item.children.push(entry);
    else {
      items.push(entry);
      open = p.section ? { section: p.section, item: entry } : null;
    }
  });
  return items;
}

export async function addOutline(pdf: Uint8Array, items: OutlineItem[]): Promise<Buffer> {
  // loaded here, not at the top: every kowakunai command is one bundle, and most never write a PDF
  const { PDFDocument, PDFHexString, PDFName, PDFNumber } = await import('pdf-lib');
  const doc = await PDFDocument.load(pdf);
  const ctx = doc.context;
  const pages = doc.getPages();
  const root = ctx.nextRef();
  const write = (list: OutlineItem[], parent: PDFRef): { first: PDFRef; last: PDFRef; count: number } => {
    const refs = list.map(() => ctx.nextRef());
    let count = list.length;
    list.forEach((item, i) => {
      const entry = ctx.obj({
        Title: PDFHexString.fromText(item.title),
        Parent: parent,
        Dest: ctx.obj([pages[Math.min(item.page, pages.length - 1)].ref, PDFName.of('Fit')]),
      });
      if (i > 0) entry.set(PDFName.of('Prev'), refs[i - 1]);
      if (i < list.length - 1) entry.set(PDFName.of('Next'), refs[i + 1]);
      if (item.children.length) {
        const sub = write(item.children, refs[i]);
        entry.set(PDFName.of('First'), sub.first);
        entry.set(PDFName.of('Last'), sub.last);
        // negative: the section starts closed, its slides one click away
        entry.set(PDFName.of('Count'), PDFNumber.of(-sub.count));
      }
      ctx.assign(refs[i], entry);
    });
    return { first: refs[0], last: refs[refs.length - 1], count };
  };
  if (items.length) {
    const top = write(items, root);
    ctx.assign(root, ctx.obj({ Type: 'Outlines', First: top.first, Last: top.last, Count: PDFNumber.of(top.count) }));
    doc.catalog.set(PDFName.of('Outlines'), root);
    doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
  }
  // plain objects, no object streams: the page count (pdf-pages.ts) reads them
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}
