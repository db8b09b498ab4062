// The file names of every backend kind, without their readers: what the VS Code client's document
// selector and the server's file watchers need. A new kind adds its names.ts here and its kind to index.ts.
import { tomcatNames } from './tomcat/names';
import { springBootNames } from './springboot/names';
import { phpFpmNames } from './phpfpm/names';
import { pythonNames } from './python/names';
import { nodeNames } from './nodejs/names';
import { goNames } from './go/names';
import { apacheNames } from './apache/names';
import { uwsgiNames } from './uwsgi/names';

export const backendNames: readonly { fileNames: readonly string[]; companionNames: readonly string[] }[] = [
  tomcatNames,
  springBootNames,
  phpFpmNames,
  pythonNames,
  nodeNames,
  goNames,
  apacheNames,
  uwsgiNames,
];

/** Glob patterns of every file a backend kind reads, for document selectors and file watchers. */
export const backendPatterns: readonly string[] = backendNames
  .flatMap((k) => [...k.fileNames, ...k.companionNames])
  .map((name) => `**/${name}`);
