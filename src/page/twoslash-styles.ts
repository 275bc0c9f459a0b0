/**
 * The styles of twoslash blocks (hover popups, query and error boxes), put into the page by the twoslash chunk
 * (twoslash-popups.ts, injectStyles), which only a deck with a twoslash block loads.
 */
export const TWOSLASH_CSS = `
/*
 * \`\`\`ts twoslash blocks (src/node/pipeline/twoslash.ts): a token's type in a popup while it is hovered or
 * focused, \`// ^?\` queries and expected errors as boxes under their line.
 *
 * The popup is absolutely positioned with no offsets: it sits where it would be in the flow, under the token's
 * line at the start of the code, and since neither the token nor the <pre> is positioned its containing block
 * is the slide — so the <pre>'s scrolling box does not cut it, and \`max-width: 100%\` keeps it as wide as the
 * slide at most. src/page/twoslash-popups.ts moves it under the token, keeping it inside the slide (left of
 * its place, or above the line, near an edge); without script it stays at the start of the code.
 */
.twoslash .twoslash-hover { border-radius: 3px; }
.twoslash .twoslash-hover[tabindex] { cursor: help; }
.twoslash .twoslash-hover[tabindex]:hover,
.twoslash .twoslash-hover[tabindex]:focus { background: color-mix(in srgb, var(--k-accent-2) 16%, transparent); }
.twoslash .twoslash-hover[tabindex]:focus-visible { outline: 2px solid var(--k-accent-2); outline-offset: 1px; }

.twoslash .twoslash-hover > .twoslash-popup-container {
  display: none;
  position: absolute;
  z-index: 30;
  margin-top: 0.15em;
  max-width: 100%;
  box-sizing: border-box;
  /* the moves twoslash-popups.ts sets, in slide pixels */
  translate: var(--k-popup-dx, 0) var(--k-popup-dy, 0);
}
.twoslash .twoslash-hover:hover > .twoslash-popup-container,
.twoslash .twoslash-hover:focus > .twoslash-popup-container { display: block; }

.twoslash .twoslash-popup-container {
  background: var(--k-hl-bg);
  border: 1px solid var(--k-border);
  border-radius: 6px;
  box-shadow: 0 4px 14px rgb(0 0 0 / 0.18);
  padding: 0.25em 0.6em;
  font-size: 0.85em;
  line-height: 1.4;
  text-align: left;
  white-space: pre-wrap;
  overflow-wrap: anywhere;
}
.reveal .twoslash .twoslash-popup-container code { background: none; padding: 0; border-radius: 0; }
.twoslash .twoslash-popup-code { display: block; font-family: var(--k-mono); font-size: 1em; white-space: pre-wrap; }
.twoslash .twoslash-popup-docs {
  font-family: var(--k-font);
  color: var(--k-muted);
  border-top: 1px solid var(--k-border);
  margin-top: 0.25em;
  padding-top: 0.25em;
  white-space: normal;
}
.twoslash .twoslash-popup-arrow { display: none; }

/* ^? — always shown, a box under the line with the type of the name the caret points at */
.twoslash .twoslash-query-line { display: block; margin: 0.1em 0 0.2em; white-space: pre; }
.twoslash .twoslash-query-line > .twoslash-popup-container { display: inline-block; box-shadow: none; white-space: pre-wrap; vertical-align: top; }

/* // @errors: the slide shows these on purpose */
.twoslash .twoslash-error {
  text-decoration: wavy underline var(--k-blocked);
  text-decoration-skip-ink: none;
  text-underline-offset: 0.2em;
}
.twoslash .twoslash-error-line {
  display: block;
  white-space: pre-wrap;
  margin: 0.1em 0 0.2em;
  padding: 0.15em 0.6em;
  border-left: 0.25em solid var(--k-blocked);
  background: color-mix(in srgb, var(--k-blocked) 10%, transparent);
  color: var(--k-fg);
  font-size: 0.85em;
}

/* on paper (and in the handout) nothing is hovered: the boxes under the lines are what prints */
html.reveal-print .twoslash .twoslash-hover > .twoslash-popup-container,
html.handout .twoslash .twoslash-hover > .twoslash-popup-container { display: none !important; }
@media print {
  .twoslash .twoslash-hover > .twoslash-popup-container { display: none !important; }
  .twoslash .twoslash-hover[tabindex] { background: none; outline: none; }
}

/* a type of several lines (twoslash.ts makes its <pre> a plain block) */
.twoslash .twoslash-popup-block { display: block; white-space: pre-wrap; }
.twoslash .twoslash-popup-block code { white-space: pre-wrap; }
`;
