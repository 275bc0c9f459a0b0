/**
 * Runs inside the deck page being checked (bundled to one script by check-deck.ts, never shipped in
 * the site): finds what does not fit on one slide. Two kinds of problem, both things a person in the
 * room would see:
 *  - spill: an element drawn past the slide's 1280×720 box (cut off by the projector's edge);
 *  - cut: a box that clips or scrolls its own content at rest (code scrolled out of view, a
 *    timeline row hidden, a title ending in "…").
 * Sizes are reported in slide pixels, whatever the window's zoom.
 */

export interface FitProblem {
  kind: 'spill' | 'cut';
  /** what a person would call the element: `live-cell "tasks" code`, `pre "async def app…"` */
  element: string;
  /** how much: "206 px past the bottom edge", "5 of 14 lines hidden" */
  detail: string;
}

/** The slide size of reveal-config.ts. */
const SLIDE_WIDTH = 1280;
const SLIDE_HEIGHT = 720;
/** Slack for sub-pixel rounding. */
const TOLERANCE = 1.5;

function describe(el: Element): string {
  const cell = el.closest('live-cell');
  const role = el.getAttribute('data-role');
  const twin = el.closest('[data-twin]');
  if (cell) {
    const id = cell.getAttribute('data-cell-id');
    const part = el === cell ? '' : role ? ` ${role}` : ` ${el.tagName.toLowerCase()}${el.classList.length ? '.' + [...el.classList].join('.') : ''}`;
    return `live-cell "${id}"${part}`;
  }
  const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
  const cls = el.classList.length ? '.' + [...el.classList].slice(0, 2).join('.') : '';
  return `${twin ? 'twin pane ' : ''}${el.tagName.toLowerCase()}${cls}${text ? ` "${text}${text.length >= 40 ? '…' : ''}"` : ''}`;
}

const clips = (v: string): boolean => v !== 'visible';

/** Elements that are drawn: laid out, not hidden, not inside the speaker notes. */
function drawn(el: Element): boolean {
  // not [hidden]: reveal.js marks off-screen slides hidden and shows them anyway in its print view
  if (el.closest('aside.notes, .k-sandbox-frame')) return false;
  if (el.getClientRects().length === 0) return false;
  const style = getComputedStyle(el);
  return style.visibility !== 'hidden' && style.display !== 'contents';
}

/**
 * Problems on one slide. `box` is the slide's rectangle on screen (the `.slides` box in the live view,
 * the slide's `.pdf-page` in the print view); `scale` is screen px per slide px.
 */
export function checkSlide(section: HTMLElement, box: DOMRect, scale: number): FitProblem[] {
  const problems: FitProblem[] = [];
  const px = (n: number): number => Math.round(n / scale);
  const reported = new Set<Element>();
  for (const el of [section, ...section.querySelectorAll('*')]) {
    // an SVG's shapes are clipped by the SVG itself: judge the picture as a whole
    if (el instanceof SVGElement && !(el instanceof SVGSVGElement)) continue;
    if (!drawn(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    const over = {
      left: box.left - r.left,
      right: r.right - box.right,
      top: box.top - r.top,
      bottom: r.bottom - box.bottom,
    };
    const worst = (Object.entries(over) as [keyof typeof over, number][]).sort((a, b) => b[1] - a[1])[0];
    // report the outermost element that spills, not each of its children again
    if (worst[1] > TOLERANCE && ![...reported].some((p) => p.contains(el))) {
      reported.add(el);
      problems.push({ kind: 'spill', element: describe(el), detail: `${px(worst[1])} px past the ${worst[0]} edge` });
      continue;
    }
    if (el === section) continue;
    const style = getComputedStyle(el);
    const clipY = clips(style.overflowY);
    const clipX = clips(style.overflowX);
    if (!clipY && !clipX) continue;
    const hiddenY = el.scrollHeight - el.clientHeight;
    const hiddenX = el.scrollWidth - el.clientWidth;
    if (clipY && hiddenY > TOLERANCE) {
      problems.push({ kind: 'cut', element: describe(el), detail: `${px(hiddenY)} px of its content hidden below (${px(el.clientHeight)} px shown of ${px(el.scrollHeight)})` });
    } else if (clipX && hiddenX > TOLERANCE) {
      problems.push({ kind: 'cut', element: describe(el), detail: `${px(hiddenX)} px of its content hidden at the right` });
    }
  }
  return problems;
}

/** Every slide of the print view (`?print-pdf`): each sits on its own `.pdf-page`. */
export function checkPrintView(): { slide: number; problems: FitProblem[] }[] {
  const sections = [...document.querySelectorAll<HTMLElement>('.reveal .slides section[data-slide]')];
  return sections.map((section, i) => {
    // the slide sits on its page at reveal's margin; its box is the slide's size from there
    const r = section.getBoundingClientRect();
    const scale = r.width / section.offsetWidth;
    const box = new DOMRect(r.left, r.top, SLIDE_WIDTH * scale, SLIDE_HEIGHT * scale);
    return { slide: i + 1, problems: checkSlide(section, box, scale) };
  });
}

/** The slide on screen in the live view. */
export function checkCurrentSlide(): FitProblem[] {
  const slides = document.querySelector<HTMLElement>('.reveal .slides')!;
  const box = slides.getBoundingClientRect();
  const section = document.querySelector<HTMLElement>('.reveal .slides > section.present')!;
  return checkSlide(section, box, box.width / slides.offsetWidth);
}

/**
 * The handout (handout.html, as `kowakunai pdf` prints it): each page's slide picture must show the slide
 * whole, like the slides PDF, and the live cells printed at paper size below it must show every line.
 * The picture is the slide zoomed down (handout.css), so sizes are reported in slide px again.
 */
export function checkHandout(): { slide: number; problems: FitProblem[] }[] {
  const pages = [...document.querySelectorAll<HTMLElement>('.handout-page')];
  return pages.map((page, i) => {
    const problems: FitProblem[] = [];
    const section = page.querySelector<HTMLElement>('.handout-scale > section');
    if (section) {
      const r = section.getBoundingClientRect();
      const scale = r.width / SLIDE_WIDTH;
      problems.push(...checkSlide(section, new DOMRect(r.left, r.top, SLIDE_WIDTH * scale, SLIDE_HEIGHT * scale), scale));
    }
    for (const el of page.querySelectorAll<HTMLElement>('.handout-cells live-cell, .handout-cells live-cell *')) {
      if (!drawn(el) || el instanceof SVGElement) continue;
      const style = getComputedStyle(el);
      if (clips(style.overflowY) && el.scrollHeight - el.clientHeight > TOLERANCE) {
        problems.push({ kind: 'cut', element: `handout cells: ${describe(el)}`, detail: `${Math.round(el.scrollHeight - el.clientHeight)} px of its content hidden below` });
      }
    }
    return { slide: i + 1, problems };
  });
}
