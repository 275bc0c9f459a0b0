/**
 * The deck's npm packages in the page: the build lists them (specifier → bundle URL, a data: URL in the single file)
 * in a JSON script beside the slides. A run's packages are fetched here, by the page, from the deck's own host — the
 * sandbox's opaque origin could load nothing by URL — and handed to the sandbox as text with the run.
 */
import { packagesOf } from '../../shared/cell-compile.js';

const fetched = new Map<string, Promise<string>>();

/** specifier → URL, as the page now lists them (read each time: a live reload may bring new ones) */
function listed(): Record<string, string> {
  const script = document.querySelector('script[data-kowakunai-packages]');
  if (!script?.textContent) return {};
  try {
    return JSON.parse(script.textContent) as Record<string, string>;
  } catch {
    return {};
  }
}

/** What an edited cell may import: what the build bundled for this deck. */
export function availablePackages(): string[] {
  return Object.keys(listed());
}

function load(url: string): Promise<string> {
  let p = fetched.get(url);
  if (!p) {
    p = fetch(url).then((r) => {
      if (!r.ok) throw new Error(`${r.status} ${r.statusText}`);
      return r.text();
    });
    fetched.set(url, p);
    p.catch(() => fetched.delete(url));
  }
  return p;
}

/** The bundles a compiled cell imports, as its run request carries them; undefined when it imports none. */
export async function packagesFor(js: string): Promise<Record<string, string> | undefined> {
  const wanted = packagesOf(js);
  if (wanted.length === 0) return undefined;
  const list = listed();
  const out: Record<string, string> = {};
  for (const specifier of wanted) {
    const url = list[specifier];
    if (!url) throw new Error(`package '${specifier}' is not available in this deck: name it in the frontmatter (packages: [${specifier}]) and build again`);
    try {
      out[specifier] = await load(new URL(url, document.baseURI).href);
    } catch (e) {
      throw new Error(`package '${specifier}' could not be loaded from the deck's site: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return out;
}
