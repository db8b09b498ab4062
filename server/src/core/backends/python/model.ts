// The shapes the Python kind's readers share: a value with where it was decided and how an edit
// reaches it, and the files of an application's folder.
import type { Span } from '../../types';
import type { LineIndex } from '../../text';
import type { ValueOrigin } from '../endpoint';
import type { ProjectFile } from './project';

export interface Place {
  file: string;
  span: Span;
}

/** A setting's value and the layer that decided it. */
export interface Decided {
  value?: string | number | string[];
  origin: ValueOrigin;
  /** As messages say it: `--keep-alive on the command of compose service app`. */
  where: string;
  /** What to underline. */
  at?: Place;
  /** The text an edit replaces with the new number (a literal, a flag's value); none: not editable in place. */
  replace?: Place;
}

/** A file the kind read besides the project file: a config file, a Python source, a sibling project file. */
export interface PythonCompanion {
  path: string;
  text: string;
  lines: LineIndex;
  /** Set for project files (requirements, Procfile...). */
  project?: ProjectFile;
}
