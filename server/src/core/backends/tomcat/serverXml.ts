// Reads Tomcat's server.xml: fast-xml-parser checks well-formedness (with line and column) and
// gives each element's start offset (captureMetaData); attribute ranges are found in the
// element's own start tag, since the parser does not keep them.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { ParseProblem, Span } from '../../types';
import { LineIndex } from '../../text';
import { shortenQuoted } from '../../quote';

export interface XmlAttribute {
  name: string;
  /** Entity references decoded. */
  value: string;
  nameSpan: Span;
  /** The raw text between the quotes. */
  valueSpan: Span;
  /** `name="value"`, quotes included. */
  span: Span;
}

export interface TomcatConnector {
  /** The whole start tag, `<Connector ... />` or `<Connector ...>`. */
  span: Span;
  /** The word `Connector`. */
  tagNameSpan: Span;
  attributes: Map<string, XmlAttribute>;
  /** `name` of the enclosing <Service>. */
  serviceName?: string;
}

export interface TomcatServerFile {
  path: string;
  text: string;
  lines: LineIndex;
  connectors: TomcatConnector[];
  problems: ParseProblem[];
}

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  preserveOrder: true,
  captureMetaData: true,
  parseAttributeValue: false,
  processEntities: true,
  allowBooleanAttributes: true,
});
const metaData = XMLParser.getMetaDataSymbol() as unknown as symbol;

/**
 * Malformed XML yields one `xml-syntax` problem and no connectors: Tomcat does not start with such
 * a file, and half-read connectors would only give half-true findings.
 */
export function parseServerXml(path: string, text: string): TomcatServerFile {
  const lines = new LineIndex(text);
  const file: TomcatServerFile = { path, text, lines, connectors: [], problems: [] };
  if (text.trim() === '') return file;
  const validation = XMLValidator.validate(text, { allowBooleanAttributes: true });
  if (validation !== true) {
    file.problems.push(syntaxProblem(text, lines, validation.err));
    return file;
  }
  let tree: OrderedNode[];
  try {
    tree = parser.parse(text) as OrderedNode[];
  } catch (error) {
    file.problems.push({
      code: 'xml-syntax',
      severity: 'error',
      message: `server.xml could not be read: ${shortenQuoted((error as Error).message)}`,
      span: { start: 0, end: Math.min(1, text.length) },
    });
    return file;
  }
  collectConnectors(text, tree, undefined, file.connectors);
  return file;
}

function collectConnectors(text: string, nodes: OrderedNode[], serviceName: string | undefined, out: TomcatConnector[]): void {
  for (const node of nodes) {
    const name = Object.keys(node).find((k) => k !== ':@');
    if (!name || name.startsWith('#') || name.startsWith('?')) continue;
    const attributes = node[':@'] ?? {};
    const start = (node as Record<symbol, { startIndex?: number }>)[metaData]?.startIndex;
    if (name === 'Connector' && start !== undefined) out.push(readStartTag(text, start, serviceName));
    const children = node[name];
    if (Array.isArray(children))
      collectConnectors(
        text,
        children as OrderedNode[],
        name === 'Service' && typeof attributes.name === 'string' ? attributes.name : serviceName,
        out,
      );
  }
}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

/** Finds each attribute's name and value ranges in a well-formed start tag beginning at `start` (`<`). */
export function readStartTag(text: string, start: number, serviceName?: string): TomcatConnector {
  let i = start + 1;
  const nameStart = i;
  while (i < text.length && !isSpace(text[i]) && text[i] !== '/' && text[i] !== '>') i++;
  const tagNameSpan = { start: nameStart, end: i };
  const attributes = new Map<string, XmlAttribute>();
  for (;;) {
    while (isSpace(text[i])) i++;
    if (i >= text.length || text[i] === '>' || text[i] === '/') break;
    const attrStart = i;
    while (i < text.length && !isSpace(text[i]) && text[i] !== '=') i++;
    const attrName = text.slice(attrStart, i);
    while (isSpace(text[i])) i++;
    if (text[i] !== '=') continue; // a boolean attribute
    i++;
    while (isSpace(text[i])) i++;
    const quote = text[i];
    const valueStart = i + 1;
    const valueEnd = quote === '"' || quote === "'" ? text.indexOf(quote, valueStart) : -1;
    if (valueEnd < 0) break; // not well-formed after all: keep what was read
    i = valueEnd + 1;
    const raw = text.slice(valueStart, valueEnd);
    attributes.set(attrName, {
      name: attrName,
      value: decodeXmlText(raw),
      nameSpan: { start: attrStart, end: attrStart + attrName.length },
      valueSpan: { start: valueStart, end: valueEnd },
      span: { start: attrStart, end: valueEnd + 1 },
    });
  }
  const close = text.indexOf('>', i);
  return { span: { start, end: close < 0 ? text.length : close + 1 }, tagNameSpan, attributes, serviceName };
}

function syntaxProblem(text: string, lines: LineIndex, err: { msg: string; line?: number; col?: number }): ParseProblem {
  const template = /\{\{|\{%|<%/.exec(text);
  if (template) {
    return {
      code: 'xml-syntax',
      severity: 'info',
      message: `This file looks like a template (${template[0]} markup): it is not XML until rendered, so it is not checked.`,
      span: { start: template.index, end: template.index + 2 },
    };
  }
  // The validator leaves out the column (and may leave out the line) for some errors ("<?").
  const line = Number.isInteger(err.line) ? err.line! - 1 : 0;
  const offset = Math.min(text.length, Math.max(0, lines.offsetAt({ line, character: Number.isInteger(err.col) ? err.col! - 1 : 0 })));
  // Cover the word at the error; a tag's "<" extends to its name and ">" (`</Service>`).
  let end = offset + (text[offset] === '<' ? 1 : 0);
  if (text[end] === '/') end++;
  while (end < text.length && /[^\s<>]/.test(text[end])) end++;
  if (text[offset] === '<' && text[end] === '>') end++;
  return {
    code: 'xml-syntax',
    severity: 'error',
    message: `server.xml is not well-formed XML. ${shortenQuoted(err.msg)}`,
    span: { start: offset, end: Math.max(end, Math.min(offset + 1, text.length)) },
  };
}

const predefined: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * An attribute value as an XML parser hands it to Tomcat: the five predefined entities and
 * character references (`&#55;`, `&#x37;`) decoded; anything else stays as written.
 */
export function decodeXmlText(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|lt|gt|amp|quot|apos);/g, (whole, ref: string) => {
    if (ref[0] !== '#') return predefined[ref];
    const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}
