/**
 * Which tokens two versions of a code block share: a longest common subsequence over the token texts.
 * Shared tokens keep one id through every version (the page moves that one element), a token a version
 * drops has no id in it (it fades out), a new one gets a fresh id (it fades in).
 */

/** Pairs [i, j]: a[i] and b[j] are the same token, in order (a longest common subsequence of the texts). */
export function commonTokens(a: readonly string[], b: readonly string[]): [number, number][] {
  // lengths of the LCS of a[i..] and b[j..], one row of (b.length + 1) per i
  const w = b.length + 1;
  const len = new Uint32Array((a.length + 1) * w);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      len[i * w + j] = a[i] === b[j] ? len[(i + 1) * w + j + 1] + 1 : Math.max(len[(i + 1) * w + j], len[i * w + j + 1]);
    }
  }
  const pairs: [number, number][] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] === b[j]) pairs.push([i++, j++]);
    else if (len[(i + 1) * w + j] >= len[i * w + j + 1]) i++;
    else j++;
  }
  return pairs;
}

/** One id per token of every version: a token matched with one of the version before takes its id. */
export function assignTokenIds(versions: readonly (readonly string[])[]): number[][] {
  let next = 0;
  const ids: number[][] = [];
  versions.forEach((tokens, v) => {
    const own = tokens.map(() => -1);
    if (v > 0) for (const [i, j] of commonTokens(versions[v - 1], tokens)) own[j] = ids[v - 1][i];
    ids.push(own.map((id) => (id === -1 ? next++ : id)));
  });
  return ids;
}
