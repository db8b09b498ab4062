// The Apache httpd kind: httpd.conf / apache2.conf by name, and the vhost files that share nginx's
// folders (conf.d/, sites-enabled/) by their text. Each file yields its own <VirtualHost>s; the
// main configuration (the file with Listen) also the ports no virtual host takes. Server-level
// keep-alive settings come from the main configuration above a file (../apache2.conf,
// ../httpd.conf, ../conf/httpd.conf) and the files it includes.
import * as path from 'node:path';
import { LineIndex } from '../../text';
import { defineBackendKind } from '../kind';
import { apacheNames } from './names';
import { parseApacheConfig, type ApacheFile } from './config';
import { looksLikeApache } from './classify';
import { apacheEndpoints, includedPaths, isMainConfig } from './server';

const parse = (file: string, text: string): ApacheFile => {
  const config = parseApacheConfig(text);
  return { path: file, text, lines: new LineIndex(text), problems: config.problems, config };
};

/** Where the main configuration may sit, seen from a file: Debian's, Red Hat's and the httpd image's layouts. */
function mainCandidates(file: string): string[] {
  const dir = path.dirname(file);
  const parent = path.dirname(dir);
  return [
    path.join(dir, 'apache2.conf'),
    path.join(dir, 'httpd.conf'),
    path.join(parent, 'apache2.conf'),
    path.join(parent, 'httpd.conf'),
    path.join(parent, 'conf', 'httpd.conf'),
  ].filter((candidate) => candidate !== file);
}

export const apacheKind = defineBackendKind<ApacheFile, ApacheFile>({
  id: 'apache',
  serverName: 'Apache httpd',
  endpointNoun: 'virtual host',
  fileName: 'Apache httpd configuration',
  filesNoun: 'Apache httpd file',
  ...apacheNames,
  claimsRefusedText: (_file, text) => looksLikeApache(text),
  syntaxCheck: 'apache-config',
  parse,
  companions: (file, read, registeredUnder) => {
    const candidates = isMainConfig(file) ? [] : mainCandidates(file.path);
    const main = isMainConfig(file) ? file : candidates.map((c) => read(c)).find((c) => c !== undefined);
    const includes = main ? includedPaths(main, registeredUnder).filter((p) => p !== file.path) : [];
    for (const include of includes) read(include);
    return [...candidates, ...includes];
  },
  parseCompanion: parse,
  endpoints: (file, companions, rootDir, problems) => {
    const candidates = isMainConfig(file) ? 0 : mainCandidates(file.path).length;
    const main = isMainConfig(file) ? file : companions.slice(0, candidates).find((c) => c !== undefined);
    const included = companions.slice(candidates).filter((c) => c !== undefined);
    return apacheEndpoints(file, main, included, rootDir, problems);
  },
});
