import { toChildArray, type ComponentChildren } from 'preact';

/**
 * Stand-ins for mdx-deck's components, so its decks build as their authors meant (only for decks read as
 * mdx-deck: a kowakunai deck has its own, components.tsx). They render static HTML like ours.
 */

type Children = { children?: ComponentChildren };

/** <Head> sets the page's <title>: the build takes the title from it (mdx-deck.ts); on the slide it is nothing. */
export function Head(_: Children) {
  return null;
}

/** Each child appears on its own step, as in mdx-deck's <Steps> and <Appear>. */
export function Steps({ children }: Children) {
  return (
    <div class="k-steps">
      {toChildArray(children).map((c) => (
        <div class="fragment">{c}</div>
      ))}
    </div>
  );
}
export const Appear = Steps;

export function Split({ children }: Children) {
  return (
    <div class="k-columns">
      {toChildArray(children).map((c) => (
        <div class="k-column">{c}</div>
      ))}
    </div>
  );
}
export const SplitRight = Split;
export const Horizontal = Split;

export function Invert({ children }: Children) {
  return <div class="k-invert">{children}</div>;
}

export function FullScreenCode({ children }: Children) {
  return <div class="k-full-code">{children}</div>;
}

/** mdx-deck's full-bleed picture: ours is an <img> (its file copied by remarkAssets), fitted to the slide. */
export function Image({ src, alt, size }: { src?: string; alt?: string; size?: string }) {
  return <img class="k-image" src={src} alt={alt ?? ''} style={size ? { objectFit: size === 'contain' ? 'contain' : 'cover' } : undefined} />;
}

/** theme-ui's layout boxes, which mdx-deck 2 decks use: plain boxes here. */
export function Box({ children }: Children) {
  return <div>{children}</div>;
}
export const Flex = Box;

export const foreignComponents = { Head, Steps, Appear, Split, SplitRight, Horizontal, Invert, FullScreenCode, Image, Box, Flex };
export const foreignComponentNames = Object.keys(foreignComponents);
