/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/**
 * Small SVG building blocks shared by the talk's diagrams.
 * Static markup only (rendered to HTML at build time). No ids, so a picture
 * may appear more than once on a page.
 */
import type { ComponentChildren } from 'preact';

export type Lang = 'ja' | 'en';

/** Pick the label for the deck's language. */
export function t(lang: Lang | undefined, ja: string, en: string): string {
  return lang === 'en' ? en : ja;
}

export const INK = '#1f2933';
export const MUTED = '#52606d';
export const WAITER = '#d9480f';
export const CUSTOMER = '#1971c2';
export const AWAIT = '#e67700';
export const OK = '#2b8a3e';
export const PAPER = '#ffffff';
export const SOFT = '#f1f3f5';

/** Diagrams fill the slide's width but never push past its bottom (a 1280×720 slide with a heading). */
export const SVG_STYLE = 'display: block; margin: 0 auto; max-height: 540px;';

/** A simple person: round head, rounded shoulders. (x, y) is the centre of the head. */
export function Person(props: { x: number; y: number; color: string; scale?: number; apron?: boolean }) {
  const s = props.scale ?? 1;
  const { x, y, color } = props;
  const r = 18 * s;
  const w = 34 * s;
  const top = y + r + 6 * s;
  const bottom = top + 52 * s;
  const body = `M ${x - w} ${bottom} L ${x - w} ${top + 18 * s} Q ${x - w} ${top} ${x - w + 18 * s} ${top} L ${x + w - 18 * s} ${top} Q ${x + w} ${top} ${x + w} ${top + 18 * s} L ${x + w} ${bottom} Z`;
  return (
    <g>
      <circle cx={x} cy={y} r={r} fill={color} />
      <path d={body} fill={color} />
      {props.apron ? (
        <g>
          <rect x={x - 16 * s} y={top + 14 * s} width={32 * s} height={38 * s} rx={4 * s} fill={PAPER} />
          <path d={`M ${x - 8 * s} ${top + 4 * s} L ${x} ${top + 9 * s} L ${x + 8 * s} ${top + 4 * s} L ${x + 8 * s} ${top + 14 * s} L ${x} ${top + 9 * s} L ${x - 8 * s} ${top + 14 * s} Z`} fill={INK} />
        </g>
      ) : null}
    </g>
  );
}

/** A straight arrow from (x1, y1) to (x2, y2), drawn without <marker> (no ids needed). */
export function Arrow(props: { x1: number; y1: number; x2: number; y2: number; color?: string; width?: number; dashed?: boolean; both?: boolean }) {
  const { x1, y1, x2, y2 } = props;
  const color = props.color ?? INK;
  const width = props.width ?? 3;
  const head = 6 + width * 2.5;
  const tip = (ax: number, ay: number, bx: number, by: number) => {
    const a = Math.atan2(by - ay, bx - ax);
    const p1 = [bx - head * Math.cos(a - 0.45), by - head * Math.sin(a - 0.45)];
    const p2 = [bx - head * Math.cos(a + 0.45), by - head * Math.sin(a + 0.45)];
    return `${bx},${by} ${p1[0].toFixed(1)},${p1[1].toFixed(1)} ${p2[0].toFixed(1)},${p2[1].toFixed(1)}`;
  };
  return (
    <g>
      <line x1={x1} y1={y1} x2={x2} y2={y2} stroke={color} stroke-width={width} stroke-dasharray={props.dashed ? '8 6' : undefined} stroke-linecap="round" />
      <polygon points={tip(x1, y1, x2, y2)} fill={color} />
      {props.both ? <polygon points={tip(x2, y2, x1, y1)} fill={color} /> : null}
    </g>
  );
}

/** A rounded speech bubble centred on (x, y) with one line of text. */
export function Bubble(props: { x: number; y: number; w: number; text: string; color?: string; fill?: string; size?: number }) {
  const h = 44;
  const color = props.color ?? INK;
  return (
    <g>
      <rect x={props.x - props.w / 2} y={props.y - h / 2} width={props.w} height={h} rx={14} fill={props.fill ?? PAPER} stroke={color} stroke-width={2.5} />
      <text x={props.x} y={props.y + 1} text-anchor="middle" dominant-baseline="middle" font-size={props.size ?? 22} fill={color}>
        {props.text}
      </text>
    </g>
  );
}

/** A labelled box. */
export function Box(props: { x: number; y: number; w: number; h: number; fill?: string; stroke?: string; rx?: number; children?: ComponentChildren }) {
  return (
    <g>
      <rect x={props.x} y={props.y} width={props.w} height={props.h} rx={props.rx ?? 12} fill={props.fill ?? PAPER} stroke={props.stroke ?? INK} stroke-width={2.5} />
      {props.children}
    </g>
  );
}

/** Centred text line. */
export function Label(props: { x: number; y: number; text: string; size?: number; color?: string; weight?: number | string; mono?: boolean; anchor?: 'start' | 'middle' | 'end' }) {
  return (
    <text
      x={props.x}
      y={props.y}
      text-anchor={props.anchor ?? 'middle'}
      dominant-baseline="middle"
      font-size={props.size ?? 22}
      font-weight={props.weight}
      font-family={props.mono ? 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' : undefined}
      fill={props.color ?? INK}
    >
      {props.text}
    </text>
  );
}

/** Props for a fragment group: reveal.js steps through elements with class "fragment". */
export function frag(index: number, effect?: string): { class: string; 'data-fragment-index': number } {
  return { class: effect ? `fragment ${effect}` : 'fragment', 'data-fragment-index': index };
}
