// Shared vocabulary of the analysis core. Nothing here depends on LSP or VS Code:
// the CLI, the language server and the tests all speak these types.

/** Zero-based line and UTF-16 column, the same convention as LSP (so no conversion is needed there). */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** Half-open [start, end) offsets into a file's text, in UTF-16 code units (JavaScript string indices). */
export interface Span {
  start: number;
  end: number;
}

/** A place in a file: absolute file system path plus range. */
export interface Location {
  file: string;
  range: Range;
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** A problem found while reading one file (syntax, unreadable include, bad value), as data, never thrown. */
export interface ParseProblem {
  /** Check id, e.g. `nginx-syntax`, `xml-syntax`. */
  code: string;
  message: string;
  span: Span;
  severity: Severity;
}

export interface TextEdit {
  file: string;
  range: Range;
  newText: string;
}

export interface Fix {
  title: string;
  isPreferred: boolean;
  /**
   * Files that do not exist yet: the fix creates each, empty, before its edits fill it (LSP: a
   * CreateFile then a TextDocumentEdit). A front end that cannot create files offers no such fix.
   */
  createsFiles?: string[];
  edits: TextEdit[];
}

export interface RelatedLocation {
  location: Location;
  message: string;
}

/** One diagnostic produced by a check. */
export interface Finding {
  /** Check id (stable: used as LSP diagnostic code and SARIF ruleId). */
  code: string;
  severity: Severity;
  message: string;
  location: Location;
  related: RelatedLocation[];
  fixes: Fix[];
}
