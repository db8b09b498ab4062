// A Spring Boot application as an endpoint: the embedded server its build brings, the port and
// idle timeout its properties give (or the server's default), and how to raise that timeout.
import * as path from 'node:path';
import type { ParseProblem, Span, TextEdit } from '../../types';
import type { LineIndex } from '../../text';
import type { FileProblem } from '../../problems';
import { quoteToken } from '../../quote';
import { editAt, maxInt32, type BackendEndpoint, type IdleTimeout, type Locator } from '../endpoint';
import type { CodeFile, CodeSetting, CodeTimeout } from './code';
import type { SpringBuild } from './build';
import { canonicalName, type ConfigDocument, type SpringConfigFile } from './config';
import { resolveProperties, type RuntimeSources, type SpringProperties, type Winner } from './resolve';
import { assumedBootVersion, bootAtLeast, defaultPort, maxKeepAliveRequestsProperty, parseSpringDuration, serverRules } from './defaults';
import { formatSpringDuration, setPropertyEdits } from './edits';

export interface SpringBuildFile {
  path: string;
  text: string;
  lines: LineIndex;
  problems: ParseProblem[];
  build: SpringBuild;
}

/** A value read for a property: what it says after placeholders, and where it was decided. */
interface ReadValue {
  property: string;
  text: string;
  winner: Winner;
  /** A `${NAME}` no source defines. */
  unresolved?: string;
}

export function applicationEndpoints(
  file: SpringBuildFile,
  read: (config: string) => SpringConfigFile | undefined,
  rootDir: string,
  problems: FileProblem[],
  runtime: RuntimeSources = {},
  code: (CodeFile & { lines: LineIndex })[] = [],
): BackendEndpoint[] {
  const server = file.build.server;
  if (!server) return [];
  const rule = serverRules[server];
  const appDir = path.dirname(file.path);
  const version = file.build.bootVersion ?? assumedBootVersion;
  if (rule.droppedIn && file.build.bootVersion && bootAtLeast(file.build.bootVersion, rule.droppedIn)) {
    // Spring Boot 4 dropped Undertow (gh-46917): such a build has no server to start.
    problems.push({
      path: file.path,
      lines: file.lines,
      problem: {
        code: 'spring-config',
        severity: 'warning',
        span: file.build.serverSpan ?? { start: 0, end: 0 },
        message: `Spring Boot ${file.build.bootVersion} has no ${rule.serverName} (dropped in ${rule.droppedIn}): this application is not checked`,
      },
    });
    return [];
  }
  const properties = resolveProperties(appDir, read, runtime, version);
  const value = (property: string) => readValue(properties, property);
  const applies = (p: { since: string; until?: string }) => bootAtLeast(version, p.since) && (!p.until || !bootAtLeast(version, p.until));

  const port = portOf(value('server.port'), problems);
  const written = (names: { name: string; since: string; until?: string }[]) =>
    names
      .filter(applies)
      .map((p) => value(p.name))
      .find((v) => v !== undefined);
  const codeSettings = server === 'tomcat' ? code.flatMap((f) => f.settings.map((setting) => ({ setting, file: f }))) : [];
  // Tomcat: keepAliveTimeout (code after the properties, the property, code before them), else connectionTimeout likewise.
  const decide = (name: CodeTimeout, properties: typeof rule.properties): Decision | undefined => {
    const inCode = (runs: 'before' | 'after') => codeSettings.filter((c) => c.setting.name === name && c.setting.runs === runs).at(-1);
    const property = written(properties);
    const after = inCode('after');
    const before = inCode('before');
    return after
      ? { by: 'code', ...after }
      : property
        ? { by: 'property', read: property }
        : before
          ? { by: 'code', ...before }
          : undefined;
  };
  const deciding =
    server === 'tomcat'
      ? (decide('keepAliveTimeout', rule.properties.slice(0, 1)) ?? decide('connectionTimeout', rule.properties.slice(1)))
      : mapDefined(written(rule.properties), (read) => ({ by: 'property' as const, read }));
  for (const { setting, file: source } of codeSettings)
    if (setting.value === undefined)
      problems.push({
        path: source.path,
        lines: source.lines,
        problem: {
          code: 'spring-config',
          severity: 'info',
          span: setting.span,
          message: `Tomcat's ${setting.name} is set in code, value not known here: it is not checked`,
        },
      });
  const relative = path.relative(rootDir, file.path).split(path.sep).join('/');
  const serverSpan = file.build.serverSpan ?? { start: 0, end: 0 };
  const maxRequests = server === 'tomcat' && applies(maxKeepAliveRequestsProperty) ? value(maxKeepAliveRequestsProperty.name) : undefined;
  // The property is always applied (default 100), over a connector customizer bean; a factory customizer comes after it.
  const maxInCode = codeSettings.filter((c) => c.setting.name === 'maxKeepAliveRequests' && c.setting.runs === 'after').at(-1);
  const keepsAlive = maxInCode
    ? maxInCode.setting.value === undefined || maxInCode.setting.value > 1
    : !(maxRequests && /^\s*[01]\s*$/.test(maxRequests.text));
  const raised = rule.properties.find(applies);
  return [
    {
      kind: 'springboot',
      serverName: rule.serverName,
      noun: 'application',
      label: `${relative}, Spring Boot ${rule.serverName} on port ${port ?? 'unknown'}`,
      key: `${file.path}:${serverSpan.start}`,
      file: { path: file.path },
      span: serverSpan,
      nameSpan: serverSpan,
      port,
      hosts: [],
      protocol: 'http',
      keepsAlive,
      noKeepAliveReason: keepsAlive
        ? undefined
        : maxInCode
          ? `maxKeepAliveRequests ${maxInCode.setting.value} set in code closes every connection after its response`
          : `${maxKeepAliveRequestsProperty.name}=${maxRequests?.text.trim()} closes every connection after its response`,
      idle: deciding?.by === 'code' ? codeIdle(deciding, rootDir) : idleOf(deciding?.read, file, serverSpan, rule, version, problems),
      raise: {
        setting: deciding?.by === 'code' ? `Tomcat ${deciding.setting.name} in code` : (raised?.name ?? rule.properties[0].name),
        maxMs: maxInt32, // (int) Duration.toMillis() in the customizers; Java's int setters
        display: (ms) => (deciding?.by === 'code' ? `${ms} ms` : formatSpringDuration(ms, false)),
        // Nothing set and no config file: the packaged application.properties, which Spring reads first of all.
        creates: (ms) =>
          deciding === undefined && raised && properties.files.length === 0
            ? {
                file: path.join(appDir, 'src', 'main', 'resources', 'application.properties'),
                text: `${raised.name}=${formatSpringDuration(ms, false)}\n`,
              }
            : undefined,
        edits: (ms, locate) => {
          if (deciding?.by === 'code') return codeEdits(deciding, ms, locate);
          if (deciding?.read.winner.from === 'environment') return environmentEdits(deciding.read, ms, locate);
          if (!raised) return undefined;
          const target = raiseTarget(properties, deciding?.read);
          return target ? setPropertyEdits(target, raised.name, ms, locate) : undefined;
        },
      },
    },
  ];
}

/** What decides the idle timeout: a property (from wherever it wins) or a literal in code. */
type Decision = { by: 'property'; read: ReadValue } | { by: 'code'; setting: CodeSetting; file: CodeFile };

const mapDefined = <T, U>(value: T | undefined, map: (value: T) => U): U | undefined => (value === undefined ? undefined : map(value));

function codeIdle(decision: Extract<Decision, { by: 'code' }>, rootDir: string): IdleTimeout {
  const { setting, file } = decision;
  const where = path.relative(rootDir, file.path).split(path.sep).join('/');
  const never = setting.value !== undefined && setting.value <= 0; // -1: no timeout
  return {
    ms: never ? undefined : setting.value,
    never,
    origin: 'code',
    setting: setting.name,
    description: `${setting.name} set in ${where}${setting.runs === 'after' ? ' (a WebServerFactoryCustomizer, after the properties)' : ''}`,
    path: file.path,
    span: setting.span,
    unknown: setting.value === undefined ? 'set in code, value not known' : undefined,
  };
}

/** The literal rewritten: a number, or a string where the code passes one (`setProperty(..., "7000")`). */
function codeEdits(decision: Extract<Decision, { by: 'code' }>, ms: number, locate: Locator): TextEdit[] | undefined {
  const { setting, file } = decision;
  if (setting.value === undefined || !Number.isInteger(ms) || ms > maxInt32) return undefined;
  return editAt(locate(file.path, setting.span), setting.quoted ? `"${ms}"` : String(ms));
}

/** The compose (or Dockerfile ENV) value rewritten where it is written as it is; a plain number stays milliseconds. */
function environmentEdits(read: ReadValue, ms: number, locate: Locator): TextEdit[] | undefined {
  const winner = read.winner;
  if (winner.from !== 'environment' || !winner.valueAt || read.unresolved !== undefined) return undefined;
  return editAt(locate(winner.valueAt.file, winner.valueAt.span), formatSpringDuration(ms, /^[+-]?\d+$/.test(winner.value.trim())));
}

function readValue(properties: SpringProperties, property: string): ReadValue | undefined {
  const found = properties.get(property);
  if (!found) return undefined;
  let unresolved: string | undefined;
  const text = resolvePlaceholders(
    found.value,
    (name) => properties.get(name)?.value,
    (name) => (unresolved ??= name),
  );
  return { property, text, winner: found.winner, unresolved };
}

/** `${NAME}` and `${NAME:default}`, nested up to a few levels, as Spring's PropertySourcesPlaceholdersResolver reads them. */
function resolvePlaceholders(
  value: string,
  lookup: (name: string) => string | undefined,
  missing: (name: string) => void,
  depth = 0,
): string {
  if (depth > 8 || !value.includes('${')) return value;
  return value.replace(/\$\{([^{}:]+)(?::([^{}]*))?\}/g, (match, name: string, fallback: string | undefined) => {
    const found = lookup(name.trim());
    if (found !== undefined) return resolvePlaceholders(found, lookup, missing, depth + 1);
    if (fallback !== undefined) return fallback;
    missing(name.trim());
    return match;
  });
}

function portOf(port: ReadValue | undefined, problems: FileProblem[]): number | undefined {
  if (!port) return defaultPort;
  if (port.unresolved !== undefined) return undefined;
  const n = /^\s*\d+\s*$/.test(port.text) ? Number(port.text) : NaN;
  if (n > 0 && n < 65536) return n;
  if (n === 0 || n === -1) return undefined; // a random port (0) or no HTTP server (-1): nothing to link by port
  report(port, problems, `server.port "${quoteToken(port.text)}" is not a port number: Spring Boot fails to start`);
  return undefined;
}

function idleOf(
  deciding: ReadValue | undefined,
  file: SpringBuildFile,
  serverSpan: Span,
  rule: (typeof serverRules)[keyof typeof serverRules],
  version: string,
  problems: FileProblem[],
): IdleTimeout {
  const assumedVersion =
    file.build.bootVersion === undefined ? `; Spring Boot version not found in the build, ${assumedBootVersion} assumed` : '';
  if (!deciding) {
    return {
      ms: rule.defaultMs,
      never: rule.defaultMs === undefined,
      origin: 'default',
      description: `${rule.serverName} default, ${rule.properties.filter((p) => !p.until || !bootAtLeast(version, p.until))[0].name} unset${assumedVersion}`,
      assumed: { versions: `Spring Boot ${version}`, source: rule.defaultSource },
      path: file.path,
      span: serverSpan,
    };
  }
  const place = placeOf(deciding.winner);
  const ms = deciding.unresolved === undefined ? parseSpringDuration(deciding.text) : undefined;
  const unknown =
    deciding.unresolved !== undefined
      ? `\${${deciding.unresolved}} is not defined`
      : ms === undefined
        ? `"${quoteToken(deciding.text)}" is no duration Spring Boot reads`
        : undefined;
  if (unknown && deciding.unresolved === undefined)
    report(deciding, problems, `${deciding.property}: ${unknown} (a number of ms, 90s, PT90S): the application fails to start`);
  const never = ms !== undefined && ms < 0; // -1: no timeout (the property's Javadoc)
  return {
    ms: unknown || never ? undefined : ms,
    never,
    origin: deciding.winner.from === 'file' ? (deciding.winner.profile ? 'profile' : 'written') : 'environment',
    setting: deciding.property,
    description: `${deciding.property}${describeWinner(deciding.winner)}${assumedVersion}`,
    path: place?.path ?? file.path,
    span: place?.span ?? serverSpan,
    unknown,
  };
}

const runtimeWords = {
  commandLine: 'command-line argument',
  applicationJson: 'SPRING_APPLICATION_JSON',
  systemProperties: 'system property',
  environment: 'environment',
} as const;

function describeWinner(winner: Winner): string {
  if (winner.from !== 'file') return ` (${runtimeWords[winner.from]}${winner.description ? ` of ${winner.description}` : ''})`;
  return winner.profile ? ` (profile ${winner.profile})` : '';
}

function placeOf(winner: Winner): { path: string; span: Span } | undefined {
  if (winner.from === 'file') return { path: winner.file.path, span: winner.entry.valueSpan };
  return winner.at && { path: winner.at.file, span: winner.at.span };
}

function report(value: ReadValue, problems: FileProblem[], message: string): void {
  const winner = value.winner;
  if (winner.from !== 'file') return; // said where the environment is written, once deployment files are read
  problems.push({
    path: winner.file.path,
    lines: winner.file.lines,
    problem: { code: 'invalid-value', severity: 'error', span: winner.entry.valueSpan, message },
  });
}

/**
 * Where raising goes: the deciding entry when it is written in a file (changed there, or the
 * property added beside it); else, with a default deciding, the last unconditional document of the
 * strongest base file. Undefined when the environment decides or no config file exists.
 */
function raiseTarget(properties: SpringProperties, deciding: ReadValue | undefined) {
  if (deciding) {
    if (deciding.winner.from !== 'file') return undefined;
    const { file, entry } = deciding.winner;
    const document = file.documents.find((d) => d.entries.get(canonicalName(entry.key)) === entry);
    return document ? { file, document, entry } : undefined;
  }
  const bases = properties.files.filter((f) => /^application\.(?:properties|ya?ml)$/.test(path.basename(f.path)));
  for (let i = bases.length - 1; i >= 0; i--) {
    const document = lastUnconditional(bases[i].documents);
    if (document) return { file: bases[i], document };
  }
  return undefined;
}

function lastUnconditional(documents: ConfigDocument[]): ConfigDocument | undefined {
  for (let i = documents.length - 1; i >= 0; i--) if (documents[i].onProfile === undefined) return documents[i];
  return undefined;
}
