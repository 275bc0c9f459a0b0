/**
 * The PPTX organisers ask for: one slide per slide (or step), the rendered slide as a full-bleed picture whose
 * alt text and title are the slide's text, the speaker notes on the notes page. Made by pptxgenjs, offline.
 */
import type PptxGenJS from 'pptxgenjs';
import type { PrintedPage } from '../pdf/print-view.js';

export interface PptxSlide {
  page: PrintedPage;
  png: Buffer;
}

/** PowerPoint shows alt text in a small box; a slide full of code stays readable at this length */
const ALT_MAX = 1500;

export async function writePptx(slides: PptxSlide[], meta: { title: string; author?: string; lang: string }): Promise<Buffer> {
  // loaded here, not at the top: every kowakunai command is one bundle, and these cost a third of a second to load
  const { default: Pptx } = await import('pptxgenjs');
  const pptx = new Pptx();
  pptx.layout = 'LAYOUT_16x9';
  pptx.title = meta.title;
  if (meta.author) pptx.author = meta.author;
  pptx.company = 'kowakunai';
  pptx.theme = { lang: meta.lang } as PptxGenJS.ThemeProps;
  for (const { page, png } of slides) {
    const slide = pptx.addSlide();
    slide.addImage({
      data: `image/png;base64,${png.toString('base64')}`,
      x: 0,
      y: 0,
      w: '100%',
      h: '100%',
      altText: altText(page),
      objectName: page.title.slice(0, 120),
    });
    if (page.notes) slide.addNotes(page.notes);
  }
  const written = (await pptx.write({ outputType: 'nodebuffer' })) as Buffer;
  return finish(written, slides.map((s) => s.page.title), meta.lang);
}

export function altText(page: PrintedPage): string {
  const text = page.text || page.title;
  return text.length > ALT_MAX ? `${text.slice(0, ALT_MAX - 1)}…` : text;
}

/**
 * What pptxgenjs leaves out: a picture's title (it writes the alt text, descr, only), the alt text's line breaks (a
 * raw newline in an XML attribute is read as a space), notes in paragraphs (it writes them as one run, newlines
 * and all) and in the deck's language (it marks them en-US, which matters for proofing Japanese).
 */
async function finish(pptx: Buffer, titles: string[], lang: string): Promise<Buffer> {
  const { default: JSZip } = await import('jszip');
  const zip = await JSZip.loadAsync(pptx);
  for (const [i, title] of titles.entries()) {
    const notesName = `ppt/notesSlides/notesSlide${i + 1}.xml`;
    const notes = await zip.file(notesName)?.async('string');
    if (notes) zip.file(notesName, notesInParagraphs(notes, lang));
    const name = `ppt/slides/slide${i + 1}.xml`;
    const xml = await zip.file(name)?.async('string');
    if (!xml) continue;
    zip.file(name, xml.replace(/(<p:nvPicPr>\s*<p:cNvPr\b[^>]*?)(\s*\/?>)/, (_, open: string, end: string) => `${open.replace(/\r?\n/g, '&#10;')} title="${escapeXml(title)}"${end}`));
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** The notes body's one run cut at its newlines into paragraphs of their own. */
export function notesInParagraphs(xml: string, lang: string): string {
  return xml
    .replace(/<a:p><a:r>(<a:rPr [^>]*\/>)<a:t>([^<]*\n[^<]*)<\/a:t><\/a:r>(<a:endParaRPr [^>]*\/>)?<\/a:p>/, (_, rPr: string, text: string, end = '') =>
      text
        .split('\n')
        .map((line) => `<a:p><a:r>${rPr}<a:t>${line}</a:t></a:r>${end}</a:p>`)
        .join(''),
    )
    .replace(/lang="en-US"/g, `lang="${escapeXml(lang)}"`);
}

function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&${({ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' })[c]};`);
}
