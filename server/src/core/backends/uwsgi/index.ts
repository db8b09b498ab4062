// The uWSGI kind: a `[uwsgi]` ini file or Sentry's sentry.conf.py, with the command that starts it
// (compose, Dockerfile). One endpoint per socket: the `--http` router keeps connections only with
// `http-keepalive`; `http-socket` and the uwsgi protocol close after every response; `http11-socket`
// keeps them `socket-timeout`.
import * as path from 'node:path';
import { LineIndex } from '../../text';
import { defineBackendKind } from '../kind';
import { uwsgiNames } from './names';
import { commandOptions, hasUwsgiSection, readIni, readSentry, type UwsgiFile } from './options';
import { uwsgiEndpoints } from './server';

export const uwsgiKind = defineBackendKind<UwsgiFile, UwsgiFile>({
  id: 'uwsgi',
  serverName: 'uWSGI',
  endpointNoun: 'socket',
  fileName: 'uWSGI ini file',
  filesNoun: 'uWSGI file',
  ...uwsgiNames,
  fileTextTest: hasUwsgiSection,
  syntaxCheck: 'invalid-value',
  servesWhenEndpoints: true,
  parse: (file, text) => ({
    path: file,
    text,
    lines: new LineIndex(text),
    problems: [],
    source: path.basename(file) === 'sentry.conf.py' ? readSentry(text) : readIni(text),
  }),
  companions: () => [],
  parseCompanion: (file, text) => ({ path: file, text, lines: new LineIndex(text), problems: [], source: readIni(text) }),
  endpoints: (file, _companions, rootDir, _problems, runtime) =>
    uwsgiEndpoints(file, commandOptions(runtime?.commandLine ?? []), rootDir, runtime?.description),
});
