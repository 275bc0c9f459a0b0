/**
 * reveal.js's speaker view loads the deck twice more in iframes with `?receiver` in the URL
 * (current and upcoming slide). Whatever has side effects — running cells — must not happen there.
 */
export function isSpeakerViewFrame(location: Location | URL): boolean {
  // the same test reveal.js's notes plugin makes
  return /receiver/i.test(location.search);
}
