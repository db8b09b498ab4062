// The Node.js backend kind: a package.json of an application that starts an HTTP server, the
// JavaScript and TypeScript sources beside it that start servers or set their keep-alive timeout
// (read only when a cheap text test passes), and the .nvmrc / .node-version naming its version;
// one endpoint per server started.
import * as path from 'node:path';
import { LineIndex } from '../../text';
import { defineBackendKind } from '../kind';
import { nodeNames } from './names';
import { readPackage, type PackageFile } from './package';
import { mayStartServer, readCode } from './code';
import { applicationEndpoints, type NodeCompanion } from './application';

const isSource = (file: string) => /\.[cm]?[jt]s$/.test(file);
/** Tests and fixtures start servers of their own, never the one nginx reaches. */
const testPath = /(?:^|[\\/])(?:test|tests|__tests__|__mocks__|spec|e2e|fixtures?)[\\/]|\.(?:test|spec)\.[cm]?[jt]s$/;
const versionFiles = ['.nvmrc', '.node-version'];

export const nodeKind = defineBackendKind<PackageFile, NodeCompanion>({
  id: 'nodejs',
  serverName: 'Node.js',
  endpointNoun: 'server',
  fileName: 'package.json',
  filesNoun: 'Node.js application',
  ...nodeNames,
  companionTextTest: (file, text) => !isSource(file) || mayStartServer(text),
  syntaxCheck: 'nodejs-config',
  parse: (file, text) => {
    const pkg = readPackage(text);
    return { path: file, text, lines: new LineIndex(text), problems: pkg.problems, pkg };
  },
  serves: (file) => file.pkg.serves,
  companions: (file, _read, registeredUnder) => {
    if (!file.pkg.serves) return [];
    const appDir = path.dirname(file.path);
    const under = registeredUnder(appDir);
    // A folder with a package.json of its own is another package (a workspace of a monorepo).
    const packages = under.filter((f) => path.basename(f) === 'package.json' && f !== file.path).map((f) => path.dirname(f) + path.sep);
    const sources = under.filter(
      (f) => isSource(f) && !testPath.test(path.relative(appDir, f)) && !packages.some((dir) => f.startsWith(dir)),
    );
    const versions: string[] = [];
    for (let dir = appDir; ; dir = path.dirname(dir)) {
      versions.push(...versionFiles.map((name) => path.join(dir, name)));
      if (path.dirname(dir) === dir) break;
    }
    return [...versions, ...sources];
  },
  parseCompanion: (file, text) =>
    isSource(file)
      ? { ...readCode(file, text), role: 'code', lines: new LineIndex(text) }
      : { role: 'version', path: file, text, lines: new LineIndex(text) },
  endpoints: (file, companions, rootDir, problems, runtime) => applicationEndpoints(file, companions, rootDir, problems, runtime),
});
