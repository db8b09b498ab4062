// Spring Boot's configuration files, application.properties and application.yml, as documents of
// flattened keys: `server.tomcat.keep-alive-timeout` however it is nested or spelled, with the
// spans of its key and value. A file may hold several documents (YAML `---`, properties `#---`),
// each maybe active only under a profile (`spring.config.activate.on-profile`, before Spring Boot
// 2.4 `spring.profiles`).
import { isMap, isScalar, isSeq, parseAllDocuments, type Node as YamlNode } from 'yaml';
import type { ParseProblem, Span } from '../../types';
import { LineIndex } from '../../text';
import { parseProperties } from '../javaProperties';

export interface ConfigEntry {
  /** As written, joined with dots (`server.tomcat.keepAliveTimeout`). */
  key: string;
  value: string;
  keySpan: Span;
  /** The value's text in the file, quotes included (what an edit replaces). */
  valueSpan: Span;
  /** The key as written in its own map (`tomcat.connection-timeout` under `server:`); the whole key in properties. */
  localKey: string;
  /** YAML: the column the key starts at, where a sibling key goes. */
  keyColumn?: number;
}

/** A YAML block map: where its keys start and where its last entry ends (a new key goes after it). */
export interface YamlMapPlace {
  column: number;
  end: number;
}

export interface ConfigDocument {
  /** The profile expression that activates it; undefined: always active. */
  onProfile?: string;
  /** By canonical name (see canonicalName). */
  entries: Map<string, ConfigEntry>;
  /** YAML: the block maps by canonical path ('' for the document's root). */
  maps?: Map<string, YamlMapPlace>;
  /** Where the document's text ends. */
  end: number;
}

export interface SpringConfigFile {
  path: string;
  text: string;
  lines: LineIndex;
  format: 'properties' | 'yaml';
  documents: ConfigDocument[];
  problems: ParseProblem[];
}

/**
 * Relaxed binding's canonical form: lowercase, without `-` and `_` inside each element, so that
 * `keep-alive-timeout`, `keepAliveTimeout`, `keep_alive_timeout` and the environment's
 * `KEEPALIVETIMEOUT` are one name (Spring's ConfigurationPropertyName equality).
 */
export function canonicalName(key: string): string {
  return key
    .split('.')
    .map((element) => element.replace(/[-_]/g, '').toLowerCase())
    .join('.');
}

/**
 * A list property's value as Spring binds it to a comma-separated string: the entry itself (`a,b`
 * or a YAML list), else its indexed entries in order (`spring.profiles.active[0]=a`).
 */
export function listValue(entries: Map<string, ConfigEntry>, canonical: string): string | undefined {
  const whole = entries.get(canonical);
  if (whole) return whole.value;
  const items: [number, string][] = [];
  for (const [name, entry] of entries) {
    if (!name.startsWith(canonical + '[')) continue;
    const index = /^\[(\d+)\]$/.exec(name.slice(canonical.length));
    if (index) items.push([Number(index[1]), entry.value]);
  }
  return items.length > 0
    ? items
        .sort((a, b) => a[0] - b[0])
        .map(([, value]) => value)
        .join(',')
    : undefined;
}

const activationKeys = [canonicalName('spring.config.activate.on-profile'), canonicalName('spring.profiles')];

export function parseSpringConfig(path: string, text: string): SpringConfigFile {
  const lines = new LineIndex(text);
  const format = /\.ya?ml$/i.test(path) ? 'yaml' : 'properties';
  const file: SpringConfigFile = { path, text, lines, format, documents: [], problems: [] };
  const documents = format === 'yaml' ? yamlDocuments(text, file.problems) : propertiesDocuments(text);
  for (const document of documents) {
    const activation = activationKeys.map((k) => document.entries.get(k)).find((e) => e !== undefined);
    file.documents.push({ ...document, onProfile: activation?.value });
  }
  return file;
}

/** `#---` (or `!---`) alone on a line splits a properties file into documents (Spring Boot 2.4+). */
function propertiesDocuments(text: string): Omit<ConfigDocument, 'onProfile'>[] {
  const separators = [...text.matchAll(/^[#!]---[ \t]*$/gm)].map((m) => m.index!);
  const documents = [...separators, text.length].map((end) => ({ entries: new Map<string, ConfigEntry>(), end }));
  for (const entry of parseProperties('', text).entries.values()) {
    let index = 0;
    while (index < separators.length && separators[index] < entry.keySpan.start) index++;
    const { key, value, keySpan, valueSpan } = entry;
    documents[index].entries.set(canonicalName(key), { key, localKey: key, value, keySpan, valueSpan });
  }
  return documents;
}

function yamlDocuments(text: string, problems: ParseProblem[]): Omit<ConfigDocument, 'onProfile'>[] {
  const result: Omit<ConfigDocument, 'onProfile'>[] = [];
  let parsed;
  try {
    parsed = parseAllDocuments(text, { prettyErrors: false });
  } catch (error) {
    problems.push(problem({ start: 0, end: 0 }, `not read as YAML: ${String(error)}`));
    return result;
  }
  const documents = Array.isArray(parsed) ? parsed : [];
  const within = (offset: number) => Math.min(offset, text.length);
  const lines = new LineIndex(text);
  for (const document of documents) {
    for (const error of document.errors)
      problems.push(problem(lineRest(text, within(error.pos[0]), within(error.pos[1])), `YAML: ${error.message.split('\n')[0]}`));
    if (document.errors.length > 0) return []; // Spring refuses the file: nothing of it applies
    const entries = new Map<string, ConfigEntry>();
    const maps = new Map<string, YamlMapPlace>();
    flatten(document.contents, '', entries, maps, lines);
    result.push({ entries, maps, end: within(document.range[1]) });
  }
  return result;
}

function flatten(
  node: YamlNode | null | undefined,
  prefix: string,
  entries: Map<string, ConfigEntry>,
  maps: Map<string, YamlMapPlace>,
  lines: LineIndex,
): void {
  if (!isMap(node)) return;
  const first = node.items[0]?.key as YamlNode | undefined;
  if (first?.range && !node.flow)
    maps.set(canonicalName(prefix.slice(0, -1)), { column: lines.positionAt(first.range[0]).character, end: node.range?.[1] ?? 0 });
  for (const pair of node.items) {
    const key = pair.key;
    if (!isScalar(key) || !key.range) continue;
    const localKey = String(key.value);
    const name = prefix + localKey;
    const value = pair.value as YamlNode | null;
    if (isMap(value)) {
      flatten(value, name + '.', entries, maps, lines);
      continue;
    }
    const keySpan = { start: key.range[0], end: key.range[1] };
    const keyColumn = lines.positionAt(key.range[0]).character;
    const at = { key: name, localKey, keySpan, keyColumn };
    if (isScalar(value) && value.range) {
      entries.set(canonicalName(name), {
        ...at,
        value: String(value.value ?? ''),
        valueSpan: { start: value.range[0], end: value.range[1] },
      });
    } else if (isSeq(value) && value.range) {
      // A list (spring.profiles.active: [a, b]) reads as Spring binds it to a comma-separated string.
      const items = value.items.map((item) => (isScalar(item) ? String(item.value) : '')).filter((item) => item !== '');
      entries.set(canonicalName(name), { ...at, value: items.join(','), valueSpan: { start: value.range[0], end: value.range[1] } });
    }
  }
}

/** The error's place, widened to the rest of its line so that it can be seen (the parser often marks one space). */
function lineRest(text: string, start: number, end: number): Span {
  const lineEnd = text.indexOf('\n', start);
  const rest = text.slice(start, lineEnd < 0 ? text.length : lineEnd).trimEnd();
  return { start, end: Math.max(end, start + rest.length) };
}

function problem(span: Span, message: string): ParseProblem {
  return { code: 'spring-config', severity: 'error', message, span };
}
