// Why a file was not read: the read boundary and the readers say it, the analysis reports it.

export type Refusal = 'outside' | 'missing' | 'loop' | 'unreadable' | 'too-large' | 'not-a-file' | 'binary';

/** Words for a refusal, as a message says them. */
export function refusalText(refusal: Refusal): string {
  switch (refusal) {
    case 'outside':
      return 'outside the workspace, not read';
    case 'missing':
      return 'not found';
    case 'loop':
      return 'a loop of symbolic links, not read';
    case 'unreadable':
      return 'not readable (permission denied or an I/O error)';
    case 'too-large':
      return 'larger than 16 MB, not read';
    case 'not-a-file':
      return 'not a regular file, not read';
    case 'binary':
      return 'not a text file, skipped';
  }
}
