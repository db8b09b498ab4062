// Analysis settings. The same keys are read from VS Code settings (`timeoutChain.*`) by the server
// and from `timeout-chain.json` at the analysed folder's root by both the CLI and the server.
import * as path from 'node:path';
import { compilePathGlob } from './globMatch';
import { parseNginxVersion } from './nginx/version';
import { quoteToken } from './quote';

/**
 * An explicit link from an nginx upstream (or one of its servers) to backend endpoints, named by
 * exactly one of `backend`, `serverXml` or `service`.
 */
export interface ExplicitLink {
  /** nginx upstream name. */
  upstream: string;
  /** Optional `host:port` of one `server` entry of that upstream; all entries when absent. */
  server?: string;
  /** Path of a backend's file or folder (a server.xml, an application folder), relative to the analysed folder (or absolute). */
  backend?: string;
  /** `backend` by the name it had when server.xml was the only backend file. */
  serverXml?: string;
  /** A compose service name: its endpoints, as the deployment files say. */
  service?: string;
  /** Endpoint port; the target's only HTTP endpoint when absent. */
  port?: number;
}

/** The keys that name a link's target, one of which a link must have. */
export const linkTargetKeys = ['backend', 'serverXml', 'service'] as const;

/** What a link's target is, as written: a path (`backend` or `serverXml`) or a service name. */
export function linkTarget(link: ExplicitLink): { key: (typeof linkTargetKeys)[number]; value: string } {
  for (const key of linkTargetKeys) {
    const value = link[key];
    if (value !== undefined) return { key, value };
  }
  throw new Error('a link read from settings always has a target'); // readLink refuses one without
}

export interface FixMargins {
  /** Raise the upstream's idle timeout to at least nginx's plus this percentage... */
  upstreamMarginPercent: number;
  /** ...and at least nginx's plus this many seconds (the larger wins, rounded up to whole seconds). */
  upstreamMarginMinSeconds: number;
  /** Lower nginx's idle timeout below the upstream's by at least this percentage... */
  proxyMarginPercent: number;
  /** ...and at least this many seconds (the larger wins). */
  proxyMarginMinSeconds: number;
}

export interface AnalysisSettings {
  /** nginx version whose defaults apply (`1.24.0`); undefined: the newest behaviour (1.29.7+). */
  nginxVersion?: string;
  /** Deployed include prefix -> folder in the workspace, e.g. {"/etc/nginx": "deploy/nginx"}. */
  nginxPrefixMap: Record<string, string>;
  links: ExplicitLink[];
  /** Glob patterns (relative to the analysed folder) of files never read. */
  exclude: string[];
  fix: FixMargins;
}

/**
 * Folders never read unless the settings say otherwise: version control, and the dependencies and
 * caches of package managers and build tools. Packages ship real nginx files (certbot's
 * `options-ssl-nginx.conf` in a virtualenv, samples in `vendor/`), which are not the project's.
 * Build output (`out/`, `dist/`, `build/`, `target/`) is read: repositories keep real
 * configurations there too, and the source maps and compiled files beside them are no nginx by
 * name (core/classify.ts).
 */
function defaultExclude(): string[] {
  const folders = [
    'node_modules',
    '.git',
    '.hg',
    '.svn',
    'bower_components',
    'jspm_packages',
    'vendor',
    '.venv',
    'venv',
    'site-packages',
    '__pycache__',
    '.tox',
    '.next',
    '.nuxt',
    '.svelte-kit',
    '.terraform',
    '.gradle',
    '.cache',
    '.vscode-test',
  ];
  return folders.map((folder) => `**/${folder}/**`);
}

export const defaultSettings: AnalysisSettings = {
  nginxVersion: undefined,
  nginxPrefixMap: {},
  links: [],
  exclude: defaultExclude(),
  fix: {
    upstreamMarginPercent: 50,
    upstreamMarginMinSeconds: 5,
    proxyMarginPercent: 10,
    proxyMarginMinSeconds: 1,
  },
};

/** The prefix map with its workspace folders made absolute. */
export function prefixMapIn(rootDir: string, prefixMap: Record<string, string>): Record<string, string> {
  const map: Record<string, string> = {};
  for (const [deployed, local] of Object.entries(prefixMap)) map[deployed] = path.resolve(rootDir, local);
  return map;
}

/** A settings entry that cannot be used: what is wrong, and where (a key path such as ['fix', 'proxyMarginPercent']). */
export interface SettingsProblem {
  message: string;
  at: (string | number)[];
}

/** Sensible ranges of the fix margins: a margin outside them gives values no server takes. */
const marginRanges: Record<keyof FixMargins, [number, number]> = {
  upstreamMarginPercent: [0, 1000],
  upstreamMarginMinSeconds: [0, 86400],
  // Lowering by 100 % or more leaves nothing to set.
  proxyMarginPercent: [0, 90],
  proxyMarginMinSeconds: [0, 3600],
};

/** Exclusion patterns longer than this are refused (VS Code's own globs are a few dozen characters). */
const maxExcludeLength = 4096;
const knownKeys = ['nginx', 'links', 'exclude', 'fix', '$schema'];
const knownNginxKeys = ['version', 'prefixMap'];
const knownLinkKeys = ['upstream', 'server', ...linkTargetKeys, 'port'];

/**
 * Reads settings shaped as the `timeoutChain` section of VS Code settings or as
 * `timeout-chain.json` ({"nginx": {"version": ...}, "links": [...], ...}) over `base`.
 * Unusable entries are skipped and said in `problems` (and `errors`, in words), never thrown.
 */
export function readSettings(
  raw: unknown,
  base: AnalysisSettings = defaultSettings,
): { settings: AnalysisSettings; errors: string[]; problems: SettingsProblem[] } {
  const problems: SettingsProblem[] = [];
  const settings: AnalysisSettings = { ...base, fix: { ...base.fix }, links: [...base.links], nginxPrefixMap: { ...base.nginxPrefixMap } };
  const done = () => ({
    settings,
    problems,
    errors: problems.map((p) => (p.at.length > 0 ? `${keyPath(p.at)}: ${p.message}` : p.message)),
  });
  if (!isObject(raw)) {
    if (raw !== undefined && raw !== null) problems.push({ message: 'settings must be an object', at: [] });
    return done();
  }
  const say = (message: string, ...at: (string | number)[]) => problems.push({ message, at });
  unknownKeys(raw, knownKeys, [], say);
  const nginx = raw.nginx;
  if (isObject(nginx)) {
    unknownKeys(nginx, knownNginxKeys, ['nginx'], say);
    readVersion(nginx.version, settings, say);
    if (isObject(nginx.prefixMap)) {
      for (const [deployed, local] of Object.entries(nginx.prefixMap)) {
        if (typeof local !== 'string') say('must be a folder path', 'nginx', 'prefixMap', deployed);
        else if (!deployed.startsWith('/'))
          say(`"${quoteToken(deployed)}" must be an absolute deployed path such as /etc/nginx`, 'nginx', 'prefixMap', deployed);
        else settings.nginxPrefixMap[deployed] = local;
      }
    } else if (nginx.prefixMap !== undefined) say('must be an object such as {"/etc/nginx": "deploy/nginx"}', 'nginx', 'prefixMap');
  } else if (nginx !== undefined) say('must be an object such as {"version": "1.24.0"}', 'nginx');
  if (Array.isArray(raw.links)) raw.links.forEach((link, i) => readLink(link, i, settings, say));
  else if (raw.links !== undefined) say('must be a list of links', 'links');
  if (Array.isArray(raw.exclude)) settings.exclude = readExclude(raw.exclude, say);
  else if (raw.exclude !== undefined) say('must be a list of glob patterns', 'exclude');
  if (isObject(raw.fix)) {
    unknownKeys(raw.fix, Object.keys(marginRanges), ['fix'], say);
    for (const key of Object.keys(settings.fix) as (keyof FixMargins)[]) {
      const value = raw.fix[key];
      if (value === undefined) continue;
      const [low, high] = marginRanges[key];
      if (typeof value === 'number' && Number.isFinite(value) && value >= low && value <= high) settings.fix[key] = value;
      else say(`must be a number from ${low} to ${high}`, 'fix', key);
    }
  } else if (raw.fix !== undefined) say('must be an object of margins', 'fix');
  return done();
}

/** Where each link was in the `links` list it was read from, to point at one that links nothing. */
const linkIndexes = new WeakMap<ExplicitLink, number>();

export function linkIndexOf(link: ExplicitLink): number | undefined {
  return linkIndexes.get(link);
}

type Say = (message: string, ...at: (string | number)[]) => void;

function readVersion(version: unknown, settings: AnalysisSettings, say: Say): void {
  if (version === undefined) return;
  if (typeof version !== 'string') return say('must be a string such as "1.24.0"', 'nginx', 'version');
  if (version.trim() === '') {
    settings.nginxVersion = undefined;
    return;
  }
  const parsed = parseNginxVersion(version);
  if ('error' in parsed) say(`${parsed.error}; assuming the newest nginx`, 'nginx', 'version');
  else settings.nginxVersion = version.trim();
}

function readLink(link: unknown, i: number, settings: AnalysisSettings, say: Say): void {
  const targets = isObject(link) ? linkTargetKeys.filter((key) => link[key] !== undefined) : [];
  const valid =
    isObject(link) &&
    typeof link.upstream === 'string' &&
    targets.length > 0 &&
    targets.every((key) => typeof link[key] === 'string') &&
    (link.server === undefined || typeof link.server === 'string') &&
    (link.port === undefined || (Number.isInteger(link.port) && (link.port as number) >= 1 && (link.port as number) <= 65535));
  if (!valid)
    return say(
      'needs "upstream" and one of "backend" (a path), "serverXml" (the same) or "service" (a compose service) as strings, optional "server" (host:port) and "port" (1 to 65535)',
      'links',
      i,
    );
  // Two targets would have to agree; saying which one counts is clearer than guessing.
  if (targets.length > 1) return say(`names its target twice: keep "${targets[0]}" or "${targets[1]}"`, 'links', i, targets[1]);
  unknownKeys(link, knownLinkKeys, ['links', i], say);
  const [target] = targets;
  // Only the keys written, so that a link reads back as it was written.
  const read = { upstream: link.upstream as string, [target]: link[target] as string } as ExplicitLink;
  read.server = link.server as string | undefined;
  read.port = link.port as number | undefined;
  linkIndexes.set(read, i);
  settings.links.push(read);
}

function readExclude(patterns: unknown[], say: Say): string[] {
  const usable: string[] = [];
  patterns.forEach((pattern, i) => {
    if (typeof pattern !== 'string') return say('must be a glob pattern (a string)', 'exclude', i);
    if (pattern.length > maxExcludeLength) return say(`is longer than ${maxExcludeLength} characters: not used`, 'exclude', i);
    const compiled = compilePathGlob(pattern);
    if ('error' in compiled) return say(`${compiled.error}: not used`, 'exclude', i);
    usable.push(pattern);
  });
  return usable;
}

/** A key nobody reads is most often a misspelt one: say so, with the nearest known key. */
function unknownKeys(object: Record<string, unknown>, known: string[], at: (string | number)[], say: Say): void {
  for (const key of Object.keys(object)) {
    if (known.includes(key)) continue;
    const near = known.find((k) => editDistance(k.toLowerCase(), key.toLowerCase()) <= 2);
    say(
      `unknown setting "${quoteToken(key)}"${near ? `: did you mean "${near}"?` : ` (known here: ${known.filter((k) => k !== '$schema').join(', ')})`}`,
      ...at,
      key,
    );
  }
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2 || a.length > 64 || b.length > 64) return 3;
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length];
}

/** `fix.proxyMarginPercent`, `links[0].port` */
export function keyPath(at: (string | number)[]): string {
  return at.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? quoteToken(k) : `.${quoteToken(k)}`)).join('');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
