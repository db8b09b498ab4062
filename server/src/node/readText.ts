// Reading configuration files: regular files up to 16 MB, as UTF-8.
import * as fs from 'node:fs';

/** Files above this size are not configuration (and would stall the editor). */
const maxFileBytes = 16 * 1024 * 1024;

/** The text of a regular file of at most 16 MB, or undefined. */
export function readText(file: string): string | undefined {
  try {
    // Includes often name files that do not exist: a thrown ENOENT costs more than the stat.
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat?.isFile() || stat.size > maxFileBytes) return undefined;
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Reused for every small file: configuration files are nearly all far below this. */
const scratch = Buffer.allocUnsafe(1024 * 1024);
/** Opening a FIFO for reading would block until a writer comes; non-blocking it reads as empty. */
const openFlags = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

/**
 * readText for a path a directory listing reported as a regular file: open and read, without the
 * stat (one system call of five, and a Stats object per file). A file that fills the scratch buffer
 * takes readText's path, which applies the size cap.
 */
export function readListedFile(file: string): string | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, openFlags);
  } catch {
    return undefined;
  }
  try {
    let length = 0;
    while (length < scratch.length) {
      const read = fs.readSync(fd, scratch, length, scratch.length - length, null);
      if (read === 0) return scratch.toString('utf8', 0, length);
      length += read;
    }
    return readText(file);
  } catch {
    return undefined;
  } finally {
    closeQuietly(fd);
  }
}

function closeQuietly(fd: number): void {
  try {
    fs.closeSync(fd);
  } catch {
    // Nothing to do: the text is read or the read failed already.
  }
}
