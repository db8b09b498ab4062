// Which Node.js runs an application, from the strongest source to the weakest: the image its
// deployment runs (`FROM node:20-alpine`: what runs in production), `.nvmrc` and `.node-version`
// (the version pinned for nvm, fnm, volta, asdf and CI setups), then `engines.node` in package.json
// (a range of what the package allows, taken only when it names one major line).
import type { Span } from '../../types';
import { assumedNodeMajor, currentNodeMajor, ltsCodenames } from './defaults';

export interface NodeVersion {
  major: number;
  /** Where it was read, as messages say it: `FROM node:20 in app/Dockerfile`; undefined when assumed. */
  from?: string;
  /** The file and span naming it. */
  at?: { file: string; span: Span };
}

/** The official image and its mirrors: `node`, `library/node`, `docker.io/library/node`. */
const nodeImage = /^(?:(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)\/)?(?:library\/)?node$/i;

/** `node:20.11-alpine` -> 20, `node:iron` -> 20, `node:lts` -> the newest LTS line, `node` -> the newest release. */
export function majorOfImage(image: string): number | undefined {
  const reference = image.split('@')[0];
  const colon = reference.lastIndexOf(':');
  const name = colon < 0 || reference.slice(colon).includes('/') ? reference : reference.slice(0, colon);
  if (!nodeImage.test(name)) return undefined;
  const tag = name === reference ? 'latest' : reference.slice(colon + 1).toLowerCase();
  return majorOfWords(tag.replace(/-.*$/, ''));
}

/** `20`, `v20.11.0`, `20.x`, `lts/iron`, `iron`, `lts/*`, `lts`, `node`, `current`, `latest`. */
export function majorOfWords(text: string): number | undefined {
  const lower = text.trim().toLowerCase();
  const words = lower === 'lts/*' ? 'lts' : lower.replace(/^lts\//, '');
  const number = /^v?(\d+)(?:\.(?:\d+|x|\*)){0,2}$/.exec(words);
  if (number) return Number(number[1]);
  if (words in ltsCodenames) return ltsCodenames[words];
  if (words === 'lts' || words === '*' || words === 'lts/*') return assumedNodeMajor;
  if (words === 'node' || words === 'current' || words === 'latest' || words === 'stable') return currentNodeMajor;
  return undefined;
}

/** The one major line an `engines.node` range allows (`20.x`, `^20.11`, `~22.1`, `>=20 <21`), else undefined. */
export function majorOfRange(range: string): number | undefined {
  const trimmed = range.trim();
  const simple = /^[\^~=v]*\s*(\d+)(?:\.(?:\d+|x|\*))*$/.exec(trimmed);
  if (simple) return Number(simple[1]);
  const bounded = /^>=?\s*v?(\d+)(?:\.\d+)*\s+<\s*v?(\d+)(?:\.0)*$/.exec(trimmed);
  return bounded && Number(bounded[2]) === Number(bounded[1]) + 1 ? Number(bounded[1]) : undefined;
}
