import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

let seq = 0;

/**
 * Writes through a temporary name in the same folder and renames it into place: a reader (another build, a
 * parallel test file, the site's index) sees the old file or the new one, never half of one, and a write that
 * fails leaves nothing behind. The temporary name is unique per process and call, so parallel writers of one
 * file do not trip over each other's temporaries.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${++seq}.tmp`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}
