/** Whether the page is read as text (the phone reader, reader.ts) or presented: decided before reader.ts is fetched. */

/** Under this width (CSS px) the deck is read, not presented. `?view=` (e.g. scroll) opts out. */
export const READER_MAX_WIDTH = 499;
export const READER_QUERY = `(max-width: ${READER_MAX_WIDTH}px)`;

export function wantsReader(location: Location, speakerFrame: boolean): boolean {
  return !speakerFrame && !/[?&](print-pdf|view=|receiver)/i.test(location.search) && matchMedia(READER_QUERY).matches;
}
