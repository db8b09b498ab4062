// What a package.json says about a Node.js application: whether it starts an HTTP server at all
// (a library, a CLI tool or a VS Code extension does not), which framework it depends on, the
// Node.js versions `engines.node` allows, and `next start`'s options. Read with offsets; nothing runs.
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { ParseProblem, Span } from '../../types';
import type { LineIndex } from '../../text';

/** Dependencies that bring an HTTP server. */
const serverDependencies = ['express', 'fastify', 'koa', '@nestjs/core', 'next', '@hapi/hapi', 'restify', 'polka', '@hono/node-server'];

export interface NodePackage {
  /** Whether it is an application that starts an HTTP server, as far as its package.json says. */
  serves: boolean;
  /** The server dependencies it names. */
  frameworks: string[];
  /** `engines.node` as written, and where. */
  engines?: { value: string; span: Span };
  /** `scripts.start`. */
  start?: { value: string; span: Span };
  /** What underlines the application when a default decides: the `name`, else the first brace. */
  span: Span;
  problems: ParseProblem[];
}

/** A parsed package.json, as the workspace holds it. */
export interface PackageFile {
  path: string;
  text: string;
  lines: LineIndex;
  problems: ParseProblem[];
  pkg: NodePackage;
}

export function readPackage(text: string): NodePackage {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  const problems: ParseProblem[] = errors.slice(0, 1).map((e) => ({
    code: 'nodejs-config',
    severity: 'error',
    span: { start: e.offset, end: e.offset + Math.max(e.length, 1) },
    message: `package.json is not JSON npm reads (${printParseErrorCode(e.error)}): its servers are not checked`,
  }));
  if (!root || root.type !== 'object' || errors.length > 0) return { serves: false, frameworks: [], span: { start: 0, end: 0 }, problems };
  const string = (path: (string | number)[]) => {
    const node = findNodeAtLocation(root, path);
    return node?.type === 'string' ? { value: String(node.value), span: valueSpan(node) } : undefined;
  };
  const keys = (name: string) => {
    const node = findNodeAtLocation(root, [name]);
    return node?.type === 'object' ? (node.children ?? []).map((p) => String(p.children?.[0]?.value)) : [];
  };
  const dependencies = new Set([...keys('dependencies'), ...keys('devDependencies'), ...keys('optionalDependencies')]);
  const frameworks = serverDependencies.filter((d) => dependencies.has(d));
  const start = string(['scripts', 'start']);
  // A VS Code extension (engines.vscode) runs inside the editor: never a server nginx reaches.
  const extension = findNodeAtLocation(root, ['engines', 'vscode']) !== undefined;
  const name = findNodeAtLocation(root, ['name']);
  return {
    serves: !extension && (frameworks.length > 0 || start !== undefined),
    frameworks,
    engines: string(['engines', 'node']),
    start,
    span: name ? valueSpan(name) : { start: root.offset, end: root.offset + 1 },
    problems,
  };
}

/** A string's text without its quotes. */
function valueSpan(node: Node): Span {
  return node.type === 'string'
    ? { start: node.offset + 1, end: node.offset + node.length - 1 }
    : { start: node.offset, end: node.offset + node.length };
}
