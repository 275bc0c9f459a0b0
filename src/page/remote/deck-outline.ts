import { fontFaceCss } from '../font-faces.js';

/** What the remote knows of the presenter's deck: read from the deck's own static page, per slide. */
export interface SlideOutline {
  title: string;
  /** the speaker notes, as nodes of an inert parsed document (no script in them runs) */
  notes: Node[];
  cells: string[];
}

export interface DeckOutline {
  id: string;
  title: string;
  lang: string;
  /** the deck's @font-face rules (its cut of Noto Sans JP), URLs made absolute */
  fontCss: string;
  /** minutes, from the deck's `duration:` */
  duration: number;
  slides: SlideOutline[];
}

export async function loadOutline(deck: string): Promise<DeckOutline> {
  const url = new URL(`/${encodeURIComponent(deck)}/index.html`, location.href).href;
  const res = await fetch(url);
  if (!res.ok) throw new Error(`deck ${deck}: HTTP ${res.status}`);
  const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
  const slides = [...doc.querySelectorAll<HTMLElement>('.slides > section')].map((s, i) => ({
    title: s.querySelector('h1, h2, h3')?.textContent?.trim() || s.dataset.section || `#${i + 1}`,
    notes: [...(s.querySelector('aside.notes')?.childNodes ?? [])],
    cells: [...s.querySelectorAll<HTMLElement>('live-cell')].map((c) => c.dataset.cellId ?? ''),
  }));
  return {
    id: deck,
    title: doc.title,
    lang: doc.documentElement.lang,
    fontCss: fontFaceCss(doc, url),
    duration: Number(doc.documentElement.dataset.duration ?? 0),
    slides,
  };
}
