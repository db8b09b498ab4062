// What a Connector's attributes mean to Tomcat: ${property} substitution from catalina.properties
// (IntrospectionUtils.replaceProperties), integers in milliseconds, and the idle timeout that
// decides keep-alive: keepAliveTimeout, else connectionTimeout, else 60000 ms.
import type { Span } from '../../types';
import { quoteToken } from '../../quote';
import type { TomcatConnector, XmlAttribute } from './serverXml';
import type { PropertiesFile } from '../javaProperties';
import { tomcatDefaults } from './defaults';

export interface AttributeSetting {
  attribute?: XmlAttribute;
  /** The value after ${property} substitution. */
  text?: string;
  /** The integer Tomcat reads. */
  value?: number;
  /** Set when the whole value is one ${property} taken from catalina.properties (edits go there). */
  property?: { name: string; file: string; keySpan: Span; valueSpan: Span };
  /** The property name when a ${property} is not defined: Tomcat keeps the text literally. */
  unresolved?: string;
  /** Why the value is not an integer. */
  invalid?: string;
}

export interface ConnectorSettings {
  connector: TomcatConnector;
  port: AttributeSetting;
  protocol: string;
  isAjp: boolean;
  connectionTimeout: AttributeSetting;
  keepAliveTimeout: AttributeSetting;
  maxKeepAliveRequests: AttributeSetting;
  /** The timeout after which Tomcat closes an idle keep-alive connection. */
  effectiveIdle: {
    /** Milliseconds; undefined when unknown or never. */
    ms?: number;
    /** 0 or negative: NIO's poller only times out when the timeout is positive. */
    never: boolean;
    source: 'keepAliveTimeout' | 'connectionTimeout' | 'default';
    setting?: AttributeSetting;
  };
}

/** Tomcat's connectionTimeout default when the attribute is absent. */
export const defaultConnectionTimeoutMs = tomcatDefaults.connectionTimeout.value;

export function resolveConnector(connector: TomcatConnector, properties: PropertiesFile | undefined): ConnectorSettings {
  const read = (name: string) => readSetting(connector.attributes.get(name), properties);
  const protocol = read('protocol').text ?? 'HTTP/1.1';
  const keepAliveTimeout = read('keepAliveTimeout');
  const connectionTimeout = read('connectionTimeout');
  // A value Tomcat cannot set ("failed to set property") leaves the attribute at its default, as
  // if it were not written; an undefined ${property} may still be set with -D, so it stays unknown.
  const counts = (setting: AttributeSetting) => setting.attribute !== undefined && setting.invalid === undefined;
  const decisive = counts(keepAliveTimeout)
    ? { source: 'keepAliveTimeout' as const, setting: keepAliveTimeout }
    : counts(connectionTimeout)
      ? { source: 'connectionTimeout' as const, setting: connectionTimeout }
      : undefined;
  const value = decisive ? decisive.setting.value : defaultConnectionTimeoutMs;
  const never = value !== undefined && value <= 0;
  return {
    connector,
    port: read('port'),
    protocol,
    isAjp: /ajp/i.test(protocol),
    connectionTimeout,
    keepAliveTimeout,
    maxKeepAliveRequests: read('maxKeepAliveRequests'),
    effectiveIdle: { ms: never ? undefined : value, never, source: decisive?.source ?? 'default', setting: decisive?.setting },
  };
}

const placeholder = /\$\{([^}]+)\}/g;

function readSetting(attribute: XmlAttribute | undefined, properties: PropertiesFile | undefined): AttributeSetting {
  if (!attribute) return {};
  const setting: AttributeSetting = { attribute };
  const whole = /^\$\{([^}:]+)(?::-([^}]*))?\}$/.exec(attribute.value);
  setting.text = attribute.value.replace(placeholder, (match, body: string) => {
    const [name, fallback] = splitDefault(body);
    const entry = properties?.entries.get(name);
    if (entry) {
      if (whole && properties) setting.property = { name, file: properties.path, keySpan: entry.keySpan, valueSpan: entry.valueSpan };
      return entry.value;
    }
    if (fallback !== undefined) return fallback;
    setting.unresolved ??= name;
    return match;
  });
  if (setting.unresolved === undefined) {
    // Integer.valueOf, as IntrospectionUtils.setProperty calls it: no spaces around the digits
    // (seen with Tomcat 10.1: connectionTimeout=" 7000" is "failed to set property").
    const text = setting.text;
    if (/^[+-]?\d+$/.test(text) && Number(text) <= 2 ** 31 - 1 && Number(text) >= -(2 ** 31)) setting.value = Number(text);
    else
      setting.invalid = `"${quoteToken(setting.text)}" is not a whole number, so Tomcat keeps its default. It reads this attribute as an int (milliseconds for timeouts${text.trim() !== text && /^[+-]?\d+$/.test(text.trim()) ? '; spaces around the digits count' : ''}) and fails to set it`;
  }
  return setting;
}

function splitDefault(body: string): [string, string | undefined] {
  const at = body.indexOf(':-');
  return at < 0 ? [body, undefined] : [body.slice(0, at), body.slice(at + 2)];
}
