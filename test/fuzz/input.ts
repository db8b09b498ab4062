// What one fuzz input is: a whole in-memory workspace (relative path -> text), named by the kind
// that made it. Single-file kinds are workspaces of one or two files.
export interface FuzzInput {
  kind: string;
  /** Relative path (forward slashes) -> text. `timeout-chain.json` at the root holds settings. */
  files: Record<string, string>;
}

export const settingsFile = 'timeout-chain.json';

/** Size in UTF-16 code units (= bytes for the ASCII most inputs are): cheap on MB strings. */
export function sizeOf(input: FuzzInput): number {
  let size = 0;
  for (const text of Object.values(input.files)) size += text.length;
  return size;
}

/** A short view of an input for a report line: each file's path, size and head. */
export function describe(input: FuzzInput, headChars = 200): string {
  return Object.entries(input.files)
    .map(
      ([file, text]) =>
        `  ${file} (${text.length} chars): ${JSON.stringify(text.length > headChars ? text.slice(0, headChars) + '...' : text)}`,
    )
    .join('\n');
}
