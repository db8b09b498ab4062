// The Go kind: a module (go.mod) whose sources start an HTTP server, with net/http, gin, echo or
// fiber; one endpoint per server its sources start. Sources are read only when a cheap text test
// passes (mayStartHttpServer); a module whose sources start none serves nothing (a library).
import * as path from 'node:path';
import { LineIndex } from '../../text';
import { defineBackendKind, type BackendFile } from '../kind';
import { goNames } from './names';
import { isModuleSource, mayStartHttpServer, readGoSource } from './source';
import { goEndpoints, type GoSource } from './server';
import { assumedGoVersion } from './defaults';

interface GoModule extends BackendFile {
  /** The `go 1.22` line's version, when written. */
  goVersion?: string;
}

export const goKind = defineBackendKind<GoModule, GoSource>({
  id: 'go',
  serverName: 'Go',
  endpointNoun: 'server',
  fileName: 'go.mod',
  filesNoun: 'Go module',
  ...goNames,
  companionTextTest: mayStartHttpServer,
  syntaxCheck: 'go-source',
  servesWhenEndpoints: true,
  parse: (file, text) => ({
    path: file,
    text,
    lines: new LineIndex(text),
    problems: [],
    goVersion: /^go[ \t]+(\d+\.\d+(?:\.\d+)?)[ \t]*(?:\/\/.*)?$/m.exec(text)?.[1],
  }),
  // The module's own sources: not vendor/, not tests, not those of a module nested in it.
  companions: (file, _read, registeredUnder) => {
    const moduleDir = path.dirname(file.path);
    const under = registeredUnder(moduleDir);
    const nested = under.filter((f) => path.basename(f) === 'go.mod' && f !== file.path).map((f) => path.dirname(f) + path.sep);
    return under.filter((f) => isModuleSource(f) && !nested.some((dir) => f.startsWith(dir)));
  },
  parseCompanion: (file, text) => ({ ...readGoSource(file, text), lines: new LineIndex(text) }),
  endpoints: (file, companions, rootDir, problems, runtime) =>
    companions.flatMap((source) =>
      source ? goEndpoints(source, file.goVersion ?? assumedGoVersion, file.goVersion !== undefined, rootDir, problems, runtime) : [],
    ),
});
