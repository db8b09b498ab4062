// Setting a Connector attribute the way a person would: change the value where it is written
// (in catalina.properties when server.xml takes it from a ${property}), or add the attribute next
// to connectionTimeout in the file's own layout.
import type { TextEdit } from '../../types';
import type { TomcatConnector, TomcatServerFile, XmlAttribute } from './serverXml';
import type { ConnectorSettings } from './connector';
import { editAt, maxInt32, type Locator } from '../endpoint';

/** The connector to edit: where it is written and what its attributes resolve to. */
export interface EditableConnector {
  file: TomcatServerFile;
  connector: TomcatConnector;
  settings: ConnectorSettings;
}

type SettableAttribute = 'keepAliveTimeout';

/**
 * Integer.MAX_VALUE: Tomcat's timeouts have int setters (AbstractProtocol.setKeepAliveTimeout(int),
 * setConnectionTimeout(int)), which IntrospectionUtils.setProperty feeds with Integer.valueOf: a
 * larger number fails with "failed to set property" and the old value stays.
 */
export const tomcatMaxInt = maxInt32;

/**
 * Edits that make the attribute read `value`. Only whole numbers Tomcat's int setters take are
 * written (an out-of-range or fractional number is a bug in the caller: nothing is offered), the
 * same in server.xml and catalina.properties, whose values reach the same setter.
 */
export function setConnectorAttributeEdit(
  ref: EditableConnector,
  name: SettableAttribute,
  value: number,
  locate: Locator,
): TextEdit[] | undefined {
  if (!Number.isInteger(value) || value < -1 || value > tomcatMaxInt) return undefined;
  return attributeEdits(ref, name, String(value), locate);
}

function attributeEdits(ref: EditableConnector, name: SettableAttribute, value: string, locate: Locator): TextEdit[] | undefined {
  // A catalina.properties the workspace did not read (gone since) takes no edit.
  const setting = ref.settings[name];
  if (setting.property) return editAt(locate(setting.property.file, setting.property.valueSpan), value);
  const file = ref.file.path;
  if (setting.attribute) return editAt(locate(file, setting.attribute.valueSpan), value);
  const anchor = ref.connector.attributes.get('connectionTimeout') ?? lastAttribute(ref.connector.attributes);
  if (!anchor) {
    const at = ref.connector.tagNameSpan.end;
    return editAt(locate(file, { start: at, end: at }), ` ${name}="${value}"`);
  }
  const at = anchor.span.end;
  return editAt(
    locate(file, { start: at, end: at }),
    `${separatorAfter(ref.file.text, anchor, ref.connector.attributes)}${name}="${value}"`,
  );
}

function lastAttribute(attributes: Map<string, XmlAttribute>): XmlAttribute | undefined {
  let last: XmlAttribute | undefined;
  for (const attribute of attributes.values()) if (!last || attribute.span.start > last.span.start) last = attribute;
  return last;
}

/**
 * One attribute per line (the stock server.xml style) when the attribute after the anchor starts a
 * new line, or the anchor is last and itself starts a line: then a newline and the same indentation.
 */
function separatorAfter(text: string, anchor: XmlAttribute, attributes: Map<string, XmlAttribute>): string {
  const next = [...attributes.values()].filter((a) => a.span.start > anchor.span.start).sort((a, b) => a.span.start - b.span.start)[0];
  const probe = next ?? anchor;
  const indent = leadingWhitespaceOfLine(text, probe.span.start);
  const startsLine = indent !== undefined;
  if (!startsLine) return ' ';
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return `${eol}${indent}`;
}

/** The indentation before `offset` when only whitespace precedes it on its line; undefined otherwise. */
function leadingWhitespaceOfLine(text: string, offset: number): string | undefined {
  let i = offset;
  while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t')) i--;
  if (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') return undefined;
  return text.slice(i, offset);
}
