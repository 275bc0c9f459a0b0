/**
 * The styles of what the cross-device chunk adds to the page (the language button, the follow button, the laser
 * dot), put into the page by that chunk (across-devices.ts, injectStyles): the first page's stylesheet carries
 * none of it.
 */
export const PRESENT_CSS = `
/* Buttons that float over the deck, outside the slides (the fit check measures slides only): the twin
   language (top right) and, in presenting mode, Follow (bottom left). Never printed. */
.k-float {
  position: fixed;
  z-index: 40;
  font: 600 14px/1.2 var(--k-font);
  color: var(--k-fg);
  background: color-mix(in srgb, var(--k-bg) 88%, transparent);
  border: 1px solid var(--k-border);
  border-radius: 999px;
  padding: 6px 14px;
  text-decoration: none;
  cursor: pointer;
}
.k-float:hover,
.k-float:focus-visible {
  border-color: var(--k-accent-2);
}
.k-language {
  top: 10px;
  right: 12px;
  opacity: 0.55;
  transition: opacity 0.3s;
}
.k-language[data-idle]:not(:focus-visible) {
  opacity: 0;
}
.k-language:hover,
.k-language:focus-visible {
  opacity: 1;
}
.k-follow {
  bottom: 10px;
  left: 12px;
}
.k-follow:disabled {
  /* following: a quiet label that covers as little of the slide as it can */
  cursor: default;
  font-size: 12px;
  padding: 3px 9px;
  opacity: 0.75;
}
.k-follow[data-mode='left'] {
  color: #fff;
  background: var(--k-accent-2);
  border-color: var(--k-accent-2);
  font-size: 16px;
  padding: 10px 18px;
}
/* the laser pointer: a dot on the slide, positioned in fractions of the slide's box */
.reveal .slides > .k-laser {
  position: absolute;
  z-index: 50;
  width: 22px;
  height: 22px;
  margin: -11px 0 0 -11px;
  border-radius: 50%;
  background: rgb(255 30 30 / 0.85);
  box-shadow: 0 0 12px 4px rgb(255 30 30 / 0.55);
  pointer-events: none;
  display: block;
}
.reveal .slides > .k-laser[hidden] {
  display: none;
}
html.k-laser-on .reveal {
  cursor: none;
}
html.k-reader .k-language {
  position: static;
  display: block;
  width: fit-content;
  margin: 8px 12px 0 auto;
  opacity: 0.8;
}
@media print {
  .k-float,
  .k-laser {
    display: none !important;
  }
}
`;
