// What every server reader is given about the application it reads.
import type { BackendRuntime } from '../kind';
import type { PythonCompanion, Place } from './model';

export interface AppContext {
  /** The application's folder, taken as the working folder the server starts in. */
  dir: string;
  rootDir: string;
  runtime?: BackendRuntime;
  /** A file the kind read (undefined: absent). */
  companion(path: string): PythonCompanion | undefined;
  /** The server's version: pinned, or the newest assumed. */
  version: string;
  /** A value problem at a place of a file the kind read (nothing is said for places elsewhere). */
  report(place: Place | undefined, message: string, severity: 'error' | 'warning'): void;
}
