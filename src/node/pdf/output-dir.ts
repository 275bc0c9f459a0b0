import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The folder the PDFs go to cannot be written: says which folder and why, before any browser starts. */
export class OutputNotWritableError extends Error {
  constructor(
    readonly dir: string,
    readonly cause: unknown,
  ) {
    const code = (cause as NodeJS.ErrnoException | undefined)?.code;
    const why =
      code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'ENOTDIR' || code === 'EEXIST'
          ? 'a file is in the way (a path component is not a folder)'
          : code === 'EROFS'
            ? 'the file system is read-only'
            : code === 'ENOSPC'
              ? 'the disk is full'
              : String((cause as Error | undefined)?.message ?? cause);
    super(`Cannot write the PDFs to ${dir}: ${why}${code ? ` (${code})` : ''}.\nChoose another output folder (--out <dir>) or fix its permissions.`);
    this.name = 'OutputNotWritableError';
  }
}

/**
 * Creates the folder and proves it is writable with a probe file. Checking permission bits is not
 * enough (root ignores them, read-only mounts don't show in them): only a real write tells.
 */
export async function ensureWritableDir(dir: string): Promise<void> {
  const probe = join(dir, `.kowakunai-write-probe-${process.pid}`);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(probe, '');
    await rm(probe, { force: true });
  } catch (error) {
    throw new OutputNotWritableError(dir, error);
  }
}

