// Which value of a property a Spring Boot application runs with, by the order Spring Boot's
// reference documents ("Externalized Configuration", 2.4 and later; before 2.4 any profile file
// beat any plain one): command-line arguments, then
// Java system properties, then the environment, then config files, where a file outside the jar
// (`./`, `./config/`) beats one packaged in it (`classpath:/`, `classpath:/config/`), a profile file
// beats `application.*` of the same side, `.properties` beats `.yml` in one folder, and a later
// document of a file beats an earlier one. Active profiles: `spring.profiles.active` (the last one
// set in that order), else `default`.
import * as path from 'node:path';
import type { Span } from '../../types';
import { canonicalName, type ConfigEntry, type SpringConfigFile } from './config';
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
}

/** Folders relative to the application's module folder, lowest precedence first. */
export const configFolders = {
  packaged: ['src/main/resources', 'src/main/resources/config'],
  outside: ['.', 'config'],
};
const extensions = ['yaml', 'yml', 'properties']; // lowest first: .properties wins in a folder

/** The base config files (`application.*`) an application folder may hold, lowest precedence first. */
export function baseConfigPaths(appDir: string): string[] {
  return [...configFolders.packaged, ...configFolders.outside].flatMap((folder) =>
    extensions.map((ext) => path.join(appDir, folder, `application.${ext}`)),
  );
}

/** The profile files for the given profiles, lowest precedence first, side by side as Spring orders them. */
export function profileConfigPaths(appDir: string, profiles: string[]): { path: string; profile: string }[] {
  const result: { path: string; profile: string }[] = [];
  for (const side of [configFolders.packaged, configFolders.outside])
    for (const folder of side)
      for (const profile of profiles)
        for (const ext of extensions) result.push({ path: path.join(appDir, folder, `application-${profile}.${ext}`), profile });
  return result;
}

/**
 * The properties of an application, given its base files and a way to read profile files.
 * `read` returns the parse of a file, or undefined when it does not exist.
 */
export function resolveProperties(
  appDir: string,
  read: (file: string) => SpringConfigFile | undefined,
  runtime: RuntimeSources = {},
  bootVersion = '3.5.0',
): SpringProperties {
  const bases = baseConfigPaths(appDir)
    .map(read)
    .filter((f) => f !== undefined);
  const profiles = activeProfilesOf(bases, runtime);
  const layers: { file: SpringConfigFile; entries: Map<string, ConfigEntry>; profile?: string }[] = [];
  const addFile = (file: SpringConfigFile, profile?: string) => {
    for (const document of file.documents)
      if (document.onProfile === undefined || profileMatches(document.onProfile, profiles))
        layers.push({ file, entries: document.entries, profile: profile ?? document.onProfile });
  };
  const packaged = (file: string) => path.relative(appDir, file).split(path.sep)[0] === 'src';
  const profileFiles = profileConfigPaths(appDir, profiles)
    .map((p) => ({ file: read(p.path), profile: p.profile }))
    .filter((p): p is { file: SpringConfigFile; profile: string } => p.file !== undefined);
  if (bootAtLeast(bootVersion, '2.4.0')) {
    for (const outside of [false, true]) {
      for (const file of bases) if (packaged(file.path) !== outside) addFile(file);
      for (const { file, profile } of profileFiles) if (packaged(file.path) !== outside) addFile(file, profile);
    }
  } else {
    // Before 2.4 every profile file beat every plain one, a packaged one too.
    for (const file of bases) addFile(file);
    for (const { file, profile } of profileFiles) addFile(file, profile);
  }
  return {
    activeProfiles: profiles,
    files: [...bases, ...profileFiles.map((p) => p.file)],
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
        const set = document.onProfile === undefined ? document.entries.get(canonicalName(name)) : undefined;
        if (set) value = set.value;
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
