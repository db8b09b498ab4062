// Reading configuration files: regular files up to 16 MB, as UTF-8.
import * as fs from 'node:fs';
import type { Refusal } from './boundary';

/** Files above this size are not configuration (and would stall the editor). */
const maxFileBytes = 16 * 1024 * 1024;

/** The text of a regular file of at most 16 MB, or undefined. */
export function readText(file: string): string | undefined {
  const read = readTextOrWhy(file);
  return typeof read === 'string' ? read : undefined;
}

/** The text of a regular file of at most 16 MB, or why it was not read. */
export function readTextOrWhy(file: string): string | { refused: Refusal } {
  try {
    // Includes often name files that do not exist: a thrown ENOENT costs more than the stat.
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat) return { refused: 'missing' };
    if (!stat.isFile()) return { refused: 'not-a-file' };
    if (stat.size > maxFileBytes) return { refused: 'too-large' };
    return fs.readFileSync(file, 'utf8');
  } catch {
    return { refused: 'unreadable' };
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
  const read = readListedOrWhy(file);
  return typeof read === 'string' ? read : undefined;
}

/** readListedFile, or why the file was not read. */
export function readListedOrWhy(file: string): string | { refused: Refusal } {
  let fd: number;
  try {
    fd = fs.openSync(file, openFlags);
  } catch (error) {
    return { refused: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable' };
  }
  try {
    let length = 0;
    while (length < scratch.length) {
      const read = fs.readSync(fd, scratch, length, scratch.length - length, null);
      if (read === 0) return scratch.toString('utf8', 0, length);
      length += read;
    }
    return readTextOrWhy(file);
  } catch {
    return { refused: 'unreadable' };
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
