// Request parameters checked before use. A request whose parameters do not have the shape the
// protocol gives them is answered with InvalidParams (-32602), as JSON-RPC asks, instead of failing
// inside a handler and answering InternalError (-32603), which says the server is broken.
// A well-formed request about a file the server does not know is not an error: it gets an empty answer.
import { ErrorCodes, ResponseError, type Position, type Range } from 'vscode-languageserver/node';

function invalid(message: string): never {
  throw new ResponseError(ErrorCodes.InvalidParams, message);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** LSP's `uinteger`: 0 to 2^31 - 1. */
function isUinteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 0x7fffffff;
}

/** A URI has a scheme (RFC 3986): `file:///...`, `untitled:...`. */
function isUri(value: unknown): value is string {
  return typeof value === 'string' && /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(value);
}

function object(value: unknown, name: string): Record<string, unknown> {
  return isObject(value) ? value : invalid(`${name} must be an object`);
}

export function position(value: unknown, name = 'position'): Position {
  const p = object(value, name);
  if (!isUinteger(p.line) || !isUinteger(p.character)) invalid(`${name} needs "line" and "character", integers of at least 0`);
  return { line: p.line, character: p.character };
}

export function range(value: unknown, name = 'range'): Range {
  const r = object(value, name);
  return { start: position(r.start, `${name}.start`), end: position(r.end, `${name}.end`) };
}

/** `{ textDocument: { uri } }`: the URI. */
export function documentUri(params: unknown): string {
  const document = object(object(params, 'params').textDocument, 'textDocument');
  return isUri(document.uri) ? document.uri : invalid('textDocument.uri must be a URI string');
}

/** TextDocumentPositionParams (hover, definition). */
export function documentPosition(params: unknown): { uri: string; position: Position } {
  return { uri: documentUri(params), position: position((params as Record<string, unknown>).position) };
}

/** CodeActionParams: the URI and the range (the context must be there, with its diagnostics list). */
export function codeActionParams(params: unknown): { uri: string; range: Range } {
  const uri = documentUri(params);
  const { range: value, context } = params as Record<string, unknown>;
  if (!isObject(context) || !Array.isArray(context.diagnostics)) invalid('context must be an object with a "diagnostics" array');
  return { uri, range: range(value) };
}

/**
 * For a request that takes no parameters: vscode-jsonrpc calls a handler registered by method name
 * with the parameters (spread when an array) and then a cancellation token; so a handler with no
 * parameters sees the token alone. Absent, null, `{}` and `[]` are all "no parameters".
 */
export function noParams(method: string, args: unknown[]): void {
  const given = args.slice(0, -1);
  const empty =
    given.length === 0 || (given.length === 1 && (given[0] === null || (isObject(given[0]) && Object.keys(given[0]).length === 0)));
  if (!empty) invalid(`${method} takes no parameters`);
}

/** The folders an `initialize` names: workspaceFolders, else rootUri, else rootPath (LSP 1/2 clients), else none. */
export function initializeFolders(params: unknown, pathToUri: (path: string) => string): string[] {
  const p = object(params, 'params');
  if (p.capabilities !== undefined) object(p.capabilities, 'capabilities');
  if (Array.isArray(p.workspaceFolders)) {
    return p.workspaceFolders.map((f, i) => (isObject(f) && isUri(f.uri) ? f.uri : invalid(`workspaceFolders[${i}] needs a "uri"`)));
  }
  if (p.workspaceFolders !== undefined && p.workspaceFolders !== null) invalid('workspaceFolders must be an array or null');
  if (isUri(p.rootUri)) return [p.rootUri];
  if (p.rootUri !== undefined && p.rootUri !== null) invalid('rootUri must be a URI string or null');
  if (typeof p.rootPath === 'string' && p.rootPath !== '') return [pathToUri(p.rootPath)];
  return [];
}

/** didChangeWatchedFiles: the well-formed changes (a notification cannot be answered with an error). */
export function fileChanges(params: unknown): { uri: string; type: number }[] {
  const changes = isObject(params) && Array.isArray(params.changes) ? params.changes : [];
  return changes.filter(
    (c): c is { uri: string; type: number } => isObject(c) && isUri(c.uri) && (c.type === 1 || c.type === 2 || c.type === 3),
  );
}

/** The method a malformed request is renamed to, so that its handler answers InvalidParams. */
export const invalidParamsMethod = 'timeoutChain/$invalidParams';

/** Requests and notifications that take no parameters, for which a `null` is tolerated. */
const paramless = new Set(['shutdown', 'exit', 'initialized', 'timeoutChain/analyzeWorkspace']);

interface Message {
  id?: unknown;
  method?: string;
  params?: unknown;
}

/**
 * Looks at each message before the protocol library dispatches it, for what the library itself
 * would choke on: JSON-RPC wants `params` to be an object or an array, and the library reads
 * `params.workDoneToken` (or, for `initialize`, `params.capabilities.*`) before our handlers run,
 * answering InternalError. Such a request goes to `invalidParamsMethod` instead; such a
 * notification is dropped (a notification has no answer). Returns undefined to drop.
 */
export function screen<T extends Message>(message: T): T | Message | undefined {
  if (typeof message.method !== 'string' || message.params === undefined) return message;
  const { params, method } = message;
  let problem: string | undefined;
  if (params === null) problem = paramless.has(method) ? undefined : 'params must be an object or an array, not null';
  else if (typeof params !== 'object') problem = `params must be an object or an array, not a ${typeof params}`;
  else if (method === 'initialize' && !(isObject(params) && isObject(params.capabilities)))
    problem = 'initialize needs an object with "capabilities"';
  if (problem === undefined) return message;
  if (message.id === undefined) return undefined;
  return { ...message, method: invalidParamsMethod, params: { method, problem } };
}

/** The answer to a request renamed by `screen`. */
export function answerInvalid(params: unknown): never {
  const { method, problem } = params as { method: string; problem: string };
  invalid(`${method}: ${problem}`);
}
