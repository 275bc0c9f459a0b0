/**
 * reveal.js's speaker view loads the deck twice more in iframes with `?receiver` in the URL
 * (current and upcoming slide). Whatever has side effects — running cells — must not happen there.
 */
export function isSpeakerViewFrame(location: Location | URL): boolean {
  return /(?:^|[?&])receiver(?:[=&]|$)/i.test(location.search.slice(1)) || /[?&]receiver/i.test(location.search);
}
