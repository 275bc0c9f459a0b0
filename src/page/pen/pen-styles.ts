/**
 * The pen's styles, put into the page by the pen's own chunk when it starts (index.ts): they cost the first page
 * nothing (deck.css stays as it was), and the pen is there before the first stroke can be drawn.
 */
export const PEN_CSS = `
/* The pen's layer: the slide's own box (1280×720), over its content, letting clicks through unless the pen is on. */
.reveal .slides section > svg.k-pen {
  position: absolute;
  left: 0;
  top: 0;
  width: 1280px;
  height: 720px;
  z-index: 30;
  overflow: visible;
  pointer-events: none;
  fill: none;
  stroke-linecap: round;
  stroke-linejoin: round;
}
html.k-pen-on .reveal .slides section.present > svg.k-pen {
  pointer-events: auto;
  touch-action: none;
  cursor: crosshair;
}
html.k-pen-on.k-pen-eraser .reveal .slides section.present > svg.k-pen {
  cursor: cell;
}
svg.k-pen path {
  pointer-events: visibleStroke;
}
.k-pen-tools {
  position: fixed;
  z-index: 45;
  /* bottom centre: over the slide's foot, not its title */
  bottom: 12px;
  left: 50%;
  transform: translateX(-50%);
  display: flex;
  align-items: center;
  gap: 4px;
  padding: 4px 8px;
  border-radius: 999px;
  border: 1px solid var(--k-border);
  background: color-mix(in srgb, var(--k-bg) 92%, transparent);
  font: 600 15px/1 var(--k-font);
}
.k-pen-tools[hidden] {
  display: none;
}
.k-pen-tools button {
  min-width: 32px;
  height: 32px;
  border: 2px solid transparent;
  border-radius: 50%;
  background: none;
  color: var(--k-fg);
  cursor: pointer;
  display: grid;
  place-items: center;
  font: inherit;
}
.k-pen-tools button[data-color]::before {
  content: '';
  width: 18px;
  height: 18px;
  border-radius: 50%;
  background: var(--c);
}
.k-pen-tools button[data-width] i {
  display: block;
  width: 18px;
  height: var(--w);
  border-radius: 99px;
  background: currentColor;
}
.k-pen-tools button[aria-pressed='true'] {
  border-color: var(--k-accent-2);
}
.k-pen-sep {
  width: 1px;
  height: 22px;
  background: var(--k-border);
}
@media print {
  .k-pen-tools {
    display: none !important;
  }
}
`;
