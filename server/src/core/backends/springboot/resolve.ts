// Which value of a property a Spring Boot application runs with, by the order Spring Boot's
// reference documents ("Externalized Configuration", 2.4 and later; before 2.4 any profile file
// beat any plain one): command-line arguments, then
// Java system properties, then the environment, then config files, where a file outside the jar
// (`./`, `./config/`) beats one packaged in it (`classpath:/`, `classpath:/config/`), a profile file
// beats `application.*` of the same side, `.properties` beats `.yml` in one folder, and a later
// document of a file beats an earlier one. Active profiles: `spring.profiles.active` (the last one
// set in that order), else `default`. `spring.config.location` (replacing the default locations)
// and `spring.config.additional-location` (above them) come from the runtime; a document's
// `spring.config.import` files count as documents just below it, each imported once (2.4+).
import * as path from 'node:path';
import type { Span } from '../../types';
import { canonicalName, listValue, type ConfigEntry, type SpringConfigFile } from './config';
import { bootAtLeast } from './defaults';

/** A value set where the application runs (compose, a Dockerfile), and where it is written. */
export interface RuntimeValue {
  value: string;
  at?: { file: string; span: Span };
  /** The value's own text, where an edit can replace it. */
  valueAt?: { file: string; span: Span };
}

/**
 * The layers above the config files, highest first, each by flat name (lowercase, without `.`,
 * `-` and `_`: `SERVER_TOMCAT_KEEP_ALIVE_TIMEOUT` and `server.tomcat.keepAliveTimeout` are one).
 */
export interface RuntimeSources {
  /** `--name=value` program arguments. */
  commandLine?: Map<string, RuntimeValue>;
  /** SPRING_APPLICATION_JSON's properties. */
  applicationJson?: Map<string, RuntimeValue>;
  /** `-Dname=value` (JAVA_TOOL_OPTIONS, JAVA_OPTS where the command expands it, the command itself). */
  systemProperties?: Map<string, RuntimeValue>;
  /** The environment (relaxed binding: SERVER_TOMCAT_KEEPALIVETIMEOUT). */
  environment?: Map<string, RuntimeValue>;
  /** Where the application runs, as messages say it: `compose service shop in docker-compose.yml`. */
  description?: string;
}

/** The name relaxed binding compares across sources (see RuntimeSources). */
export const flatName = (name: string) => name.toLowerCase().replace(/[._-]/g, '');

const runtimeLayers = ['commandLine', 'applicationJson', 'systemProperties', 'environment'] as const;

/** Where a value the application runs with comes from. */
export type Winner =
  | { from: 'file'; file: SpringConfigFile; entry: ConfigEntry; profile?: string }
  | {
      from: (typeof runtimeLayers)[number];
      value: string;
      at?: { file: string; span: Span };
      valueAt?: { file: string; span: Span };
      description?: string;
    };

export interface SpringProperties {
  activeProfiles: string[];
  /** The value a canonical name has, and where it comes from; undefined when nothing sets it. */
  get(name: string): { value: string; winner: Winner } | undefined;
  /** The files that count, lowest precedence first (a fix adds a property to the last base one). */
  files: SpringConfigFile[];
  /** Every config file path looked for, present or not (the companions to watch). */
  consulted: string[];
}

/**
 * The default config locations relative to the application's module folder, as Spring Boot's
 * `spring.config.location` default says them (`optional:classpath:/;optional:classpath:/config/`,
 * then `optional:file:./;optional:file:./config/`): two groups, lowest precedence first.
 */
export const defaultLocationGroups = ['classpath:/;classpath:/config/', 'file:./;file:./config/'];
const extensions = ['yaml', 'yml', 'properties']; // lowest first: .properties wins in a folder
const maxImportDepth = 8;

/** A config location: a folder holding `application.*`, or one file (`name` and its extension). */
interface ConfigLocation {
  dir: string;
  name: string;
  extensions: string[];
}

/** Where a location written in a config property is in the repository; undefined when it is not a file there. */
function locationOf(written: string, appDir: string, relativeTo: string): ConfigLocation | undefined {
  if (written.trim() === '') return undefined;
  let rest = written.trim().replace(/^optional:/, '');
  let dir: string;
  const scheme = /^([a-z][a-z0-9+.-]*\*?):/i.exec(rest);
  if (scheme && /^classpath\*?$/i.test(scheme[1])) dir = path.join(appDir, 'src', 'main', 'resources');
  else if (scheme && /^file$/i.test(scheme[1]))
    dir = appDir; // the working folder: the module folder, as `./config/` assumes
  else if (scheme)
    return undefined; // configserver:, kubernetes:, vault:, configtree: are not files here
  else dir = relativeTo;
  if (scheme) rest = rest.slice(scheme[0].length);
  // Absolute paths name the running machine's files, not the repository's (classpath: is rooted at resources).
  if (!scheme?.[1].toLowerCase().startsWith('classpath') && path.isAbsolute(rest)) return undefined;
  rest = rest.replace(/^\/+/, '');
  const hinted = /\[\.([a-z]+)\]$/i.exec(rest); // `file:./cfg[.yaml]`: an extension hint
  if (hinted) rest = rest.slice(0, hinted.index);
  if (rest === '' || rest.endsWith('/')) return { dir: path.join(dir, rest), name: 'application', extensions };
  const file = path.join(dir, rest);
  const ext = hinted?.[1] ?? path.extname(file).slice(1);
  if (!extensions.includes(ext.toLowerCase())) return undefined;
  const base = path.basename(file, hinted ? '' : path.extname(file));
  return { dir: path.dirname(file), name: base, extensions: [ext] };
}

/** Groups of locations, lowest precedence first: `,` separates groups, `;` locations within one. */
function locationGroups(written: string[], appDir: string): ConfigLocation[][] {
  return written.flatMap((list) =>
    list
      .split(',')
      .map((group) =>
        group
          .split(';')
          .map((one) => locationOf(one, appDir, appDir))
          .filter((l) => l !== undefined),
      )
      .filter((group) => group.length > 0),
  );
}

const basePaths = (l: ConfigLocation) => l.extensions.map((ext) => path.join(l.dir, `${l.name}.${ext}`));
const profilePaths = (l: ConfigLocation, profile: string) => l.extensions.map((ext) => path.join(l.dir, `${l.name}-${profile}.${ext}`));

/**
 * The properties of an application, given its base files and a way to read profile files.
 * `read` returns the parse of a file, or undefined when it does not exist; every path it is asked
 * for is in `consulted`.
 */
export function resolveProperties(
  appDir: string,
  readFile: (file: string) => SpringConfigFile | undefined,
  runtime: RuntimeSources = {},
  bootVersion = '3.5.0',
): SpringProperties {
  const consulted: string[] = [];
  const read = (file: string) => {
    consulted.push(file);
    return readFile(file);
  };
  // spring.config.location replaces the defaults, additional-location adds above them; both only
  // from the runtime (Spring reads them before any file).
  const location = firstOf(runtime, flatName('spring.config.location'));
  const additional = firstOf(runtime, flatName('spring.config.additional-location'));
  const groups = locationGroups([location ?? defaultLocationGroups.join(','), ...(additional ? [additional] : [])], appDir);
  const baseFiles = groups.map((group) =>
    group
      .flatMap(basePaths)
      .map((p) => read(p))
      .filter((f) => f !== undefined),
  );
  const bases = baseFiles.flat();
  const profiles = activeProfilesOf(bases, runtime);
  const profileFiles = groups.map((group) =>
    group
      .flatMap((l) => profiles.flatMap((profile) => profilePaths(l, profile).map((p) => ({ path: p, profile }))))
      .map((p) => ({ file: read(p.path), profile: p.profile }))
      .filter((p): p is { file: SpringConfigFile; profile: string } => p.file !== undefined),
  );
  const imports = bootAtLeast(bootVersion, '2.4.0');
  const layers: { file: SpringConfigFile; entries: Map<string, ConfigEntry>; profile?: string }[] = [];
  const importedOnce = new Set<string>();
  const addFile = (file: SpringConfigFile, profile: string | undefined, depth: number) => {
    for (const document of file.documents) {
      if (document.onProfile !== undefined && !profileMatches(document.onProfile, profiles)) continue;
      layers.push({ file, entries: document.entries, profile: profile ?? document.onProfile });
      // An import counts as documents inserted just below the one declaring it: above it (Spring Boot 2.4+).
      if (!imports || depth >= maxImportDepth) continue;
      for (const imported of importsOf(document, file.path, appDir)) {
        // "An import will only be imported once, no matter how many times it is declared."
        if (importedOnce.has(imported) || imported === file.path) continue;
        importedOnce.add(imported);
        const parsed = read(imported);
        if (parsed) addFile(parsed, profile, depth + 1);
      }
    }
  };
  if (bootAtLeast(bootVersion, '2.4.0')) {
    // Each group: its plain files, then its profile files; a later group beats an earlier one.
    groups.forEach((_, i) => {
      for (const file of baseFiles[i]) addFile(file, undefined, 0);
      for (const { file, profile } of profileFiles[i]) addFile(file, profile, 0);
    });
  } else {
    // Before 2.4 every profile file beat every plain one, a packaged one too.
    for (const file of bases) addFile(file, undefined, 0);
    for (const { file, profile } of profileFiles.flat()) addFile(file, profile, 0);
  }
  return {
    activeProfiles: profiles,
    consulted,
    files: [...bases, ...profileFiles.flat().map((p) => p.file)],
    get(name) {
      const canonical = canonicalName(name);
      for (const from of runtimeLayers) {
        const set = runtime[from]?.get(flatName(name));
        if (set !== undefined)
          return {
            value: set.value,
            winner: { from, value: set.value, at: set.at, valueAt: set.valueAt, description: runtime.description },
          };
      }
      for (let i = layers.length - 1; i >= 0; i--) {
        const entry = layers[i].entries.get(canonical);
        if (entry) return { value: entry.value, winner: { from: 'file', file: layers[i].file, entry, profile: layers[i].profile } };
      }
      return undefined;
    },
  };
}

const importKey = canonicalName('spring.config.import');

/** The files a document imports, in order (later ones win): `a,b`, a YAML list, or `spring.config.import[0]`. */
function importsOf(document: { entries: Map<string, ConfigEntry> }, declaring: string, appDir: string): string[] {
  return (listValue(document.entries, importKey) ?? '')
    .split(',')
    .filter((one) => one.trim() !== '')
    .map((one) => locationOf(one, appDir, path.dirname(declaring)))
    .filter((l) => l !== undefined)
    .flatMap(basePaths);
}

/**
 * The active profiles, lowest precedence first (Spring Boot's reference, "Profiles"): those
 * `spring.profiles.include` adds, then `spring.profiles.active` (else `spring.profiles.default`,
 * else `default`), each followed by the members of its `spring.profiles.group.<name>`. Each is
 * taken from the strongest source setting it: the runtime, else the base files' documents that no
 * profile activates (a profile document may not set them).
 */
function activeProfilesOf(bases: SpringConfigFile[], runtime: RuntimeSources): string[] {
  const setting = (name: string): string | undefined => {
    const fromRuntime = firstOf(runtime, flatName(name));
    if (fromRuntime !== undefined) return fromRuntime;
    let value: string | undefined;
    for (const file of bases)
      for (const document of file.documents) {
        const set = document.onProfile === undefined ? listValue(document.entries, canonicalName(name)) : undefined;
        if (set !== undefined) value = set;
      }
    return value;
  };
  const active = splitProfiles(setting('spring.profiles.active') ?? '');
  const chosen = [
    ...splitProfiles(setting('spring.profiles.include') ?? ''),
    ...(active.length > 0 ? active : splitProfiles(setting('spring.profiles.default') ?? 'default')),
  ];
  const profiles: string[] = [];
  const add = (profile: string, depth: number) => {
    if (profiles.includes(profile) || depth > 8) return;
    profiles.push(profile);
    for (const member of splitProfiles(setting(`spring.profiles.group.${profile}`) ?? '')) add(member, depth + 1);
  };
  for (const profile of chosen) add(profile, 0);
  return profiles.length > 0 ? profiles : ['default'];
}

function firstOf(runtime: RuntimeSources, flat: string): string | undefined {
  for (const from of runtimeLayers) {
    const set = runtime[from]?.get(flat);
    if (set !== undefined) return set.value;
  }
  return undefined;
}

function splitProfiles(value: string): string[] {
  return value
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/**
 * Whether a profile expression (`prod`, `!dev`, `prod & cloud`, `prod | staging`, a list `a,b`)
 * holds for the active profiles (Spring's Profiles.of; parentheses group).
 */
export function profileMatches(expression: string, active: string[]): boolean {
  return expression.split(',').some((one) => evaluate(one.trim(), new Set(active)));
}

function evaluate(expression: string, active: Set<string>): boolean {
  const tokens = expression.match(/[()&|!]|[^()&|!\s]+/g) ?? [];
  let at = 0;
  const primary = (): boolean => {
    const token = tokens[at++];
    if (token === '!') return !primary();
    if (token === '(') {
      const value = or();
      at++; // ')'
      return value;
    }
    return token !== undefined && active.has(token);
  };
  const and = (): boolean => {
    let value = primary();
    while (tokens[at] === '&') {
      at++;
      value = primary() && value;
    }
    return value;
  };
  const or = (): boolean => {
    let value = and();
    while (tokens[at] === '|') {
      at++;
      value = and() || value;
    }
    return value;
  };
  return or();
}
