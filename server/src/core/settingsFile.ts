// `timeout-chain.json` read with positions, so that each unusable entry is a problem on the key
// that holds it. Strict JSON, as the CLI and CI read it: no comments, no trailing commas.
import { parseTree, findNodeAtLocation, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { ParseProblem, Span } from './types';
import { LineIndex } from './text';
import { defaultSettings, keyPath, linkIndexOf, readSettings, type AnalysisSettings, type ExplicitLink } from './settings';

export const settingsFileName = 'timeout-chain.json';

export interface SettingsFile {
  path: string;
  text: string;
  lines: LineIndex;
  settings: AnalysisSettings;
  /** Entries that cannot be used (code `settings`), and JSON that is not valid. */
  problems: ParseProblem[];
  /** The text is not JSON: where and why (the CLI stops on it). */
  invalidJson?: { span: Span; message: string };
  /** The `links` entries as read from this file, by index, to point at one that links nothing. */
  links: ExplicitLink[];
  /** The span of `links[i]` in the text. */
  linkSpan(link: ExplicitLink): Span | undefined;
}

export function parseSettingsFile(path: string, text: string, base: AnalysisSettings = defaultSettings): SettingsFile {
  const lines = new LineIndex(text);
  const errors: ParseError[] = [];
  const file: SettingsFile = { path, text, lines, settings: base, problems: [], links: [], linkSpan: () => undefined };
  let tree: Node | undefined;
  let raw: unknown;
  let why: string | undefined;
  try {
    // Editors on Windows often save a byte order mark: read it as the space it stands in for (offsets stay).
    const json = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
    tree = parseTree(json, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    raw = tree && valueOf(tree);
  } catch {
    why = 'nested too deeply'; // the JSON reader recurses per level
  }
  if (why || errors.length > 0 || !tree) {
    const error = errors[0] ?? { error: 0, offset: 0, length: 0 };
    const span = { start: error.offset, end: Math.min(text.length, error.offset + Math.max(error.length, 1)) };
    const message = `${settingsFileName} is not valid JSON: ${why ?? describeJsonError(printParseErrorCode(error.error))}; no setting of it is used`;
    file.invalidJson = { span, message };
    file.problems.push({ code: 'settings', severity: 'error', message, span });
    return file;
  }
  const read = readSettings(raw, base);
  file.settings = read.settings;
  for (const problem of read.problems)
    file.problems.push({
      code: 'settings',
      severity: 'error',
      message: `${problem.at.length > 0 ? `${keyPath(problem.at)}: ` : ''}${problem.message}`,
      span: spanAt(tree, problem.at),
    });
  file.links = read.settings.links.slice(base.links.length);
  const linkNodes = findNodeAtLocation(tree, ['links'])?.children ?? [];
  file.linkSpan = (link) => {
    const index = file.links.includes(link) ? linkIndexOf(link) : undefined;
    const node = index === undefined ? undefined : linkNodes[index];
    return node && { start: node.offset, end: node.offset + node.length };
  };
  return file;
}

/** The value a JSON tree stands for, as JSON.parse gives it (without recursion limits of its own). */
function valueOf(node: Node): unknown {
  switch (node.type) {
    case 'object': {
      const object: Record<string, unknown> = {};
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (key && value) object[key.value as string] = valueOf(value);
      }
      return object;
    }
    case 'array':
      return (node.children ?? []).map(valueOf);
    default:
      return node.value;
  }
}

/** The key (or, for a whole entry, the value) a problem is about; the file's start when absent. */
function spanAt(tree: Node, at: (string | number)[]): Span {
  const node = findNodeAtLocation(tree, at);
  const target = node?.parent?.type === 'property' && node.parent.children?.[0] ? node.parent.children[0] : node;
  return target ? { start: target.offset, end: target.offset + target.length } : { start: tree.offset, end: tree.offset + 1 };
}

function describeJsonError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
