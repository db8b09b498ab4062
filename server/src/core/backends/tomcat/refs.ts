// Tomcat connectors as endpoints: port, protocol, and the idle timeout that decides the race,
// with the text that decides it.
import * as path from 'node:path';
import { quoteToken } from '../../quote';
import type { FileProblem } from '../../problems';
import type { BackendEndpoint, IdleTimeout } from '../endpoint';
import type { TomcatConnector, TomcatServerFile } from './serverXml';
import type { PropertiesFile } from '../javaProperties';
import { resolveConnector, type AttributeSetting, type ConnectorSettings } from './connector';
import { setConnectorAttributeEdit, tomcatMaxInt } from './edits';
import { tomcatDefaults } from './defaults';

/** A Connector as an endpoint, with what only Tomcat's own code reads. */
export interface TomcatEndpoint extends BackendEndpoint {
  file: TomcatServerFile;
  connector: TomcatConnector;
  settings: ConnectorSettings;
}

export function connectorRefs(
  files: TomcatServerFile[],
  propertiesIn: (confDir: string) => PropertiesFile | undefined,
  rootDir: string,
  problems: FileProblem[],
): TomcatEndpoint[] {
  const refs: TomcatEndpoint[] = [];
  for (const file of files) {
    const properties = propertiesIn(path.dirname(file.path));
    for (const connector of file.connectors) {
      const settings = resolveConnector(connector, properties);
      for (const [name, setting] of namedSettings(settings)) reportSetting(file, name, setting, problems);
      const port = settings.port.value;
      const relative = path.relative(rootDir, file.path).split(path.sep).join('/');
      const keepsAlive = settings.maxKeepAliveRequests.value !== 1;
      const parts = { file, connector, settings };
      refs.push({
        ...parts,
        kind: 'tomcat',
        serverName: 'Tomcat',
        noun: 'connector',
        key: `${file.path}:${connector.span.start}`,
        span: connector.span,
        nameSpan: connector.tagNameSpan,
        port,
        hosts: [],
        service: connector.serviceName,
        protocol: settings.isAjp ? 'ajp' : 'http',
        keepsAlive,
        noKeepAliveReason: keepsAlive ? undefined : 'maxKeepAliveRequests="1" closes every connection after its response',
        idle: idleTimeout(file, settings),
        raise: {
          setting: 'Tomcat keepAliveTimeout',
          maxMs: tomcatMaxInt,
          edits: (ms, locate) => setConnectorAttributeEdit(parts, 'keepAliveTimeout', ms, locate),
        },
        label: `${relative}, Connector port ${port ?? quoteToken(settings.port.attribute?.value ?? String(tomcatDefaults.port.value))}${connector.serviceName ? ` (Service ${quoteToken(connector.serviceName)})` : ''}`,
      });
    }
  }
  return refs;
}

function namedSettings(settings: ConnectorSettings): [string, AttributeSetting][] {
  return [
    ['port', settings.port],
    ['connectionTimeout', settings.connectionTimeout],
    ['keepAliveTimeout', settings.keepAliveTimeout],
    ['maxKeepAliveRequests', settings.maxKeepAliveRequests],
  ];
}

/** Unresolved ${properties} and non-numbers are said once, on the attribute value. */
function reportSetting(file: TomcatServerFile, name: string, setting: AttributeSetting, problems: FileProblem[]): void {
  const attribute = setting.attribute;
  if (!attribute) return;
  if (setting.unresolved !== undefined) {
    problems.push({
      path: file.path,
      lines: file.lines,
      problem: {
        code: 'tomcat-property',
        severity: 'warning',
        span: attribute.valueSpan,
        message: `${name} uses \${${setting.unresolved}}, which no property defines, so it is not checked. catalina.properties beside server.xml does not define it; Tomcat keeps the literal text and falls back to its default unless the property is set with -D.`,
      },
    });
  } else if (setting.invalid !== undefined) {
    problems.push({
      path: file.path,
      lines: file.lines,
      problem: {
        code: 'invalid-value',
        severity: 'error',
        span: attribute.valueSpan,
        message: `${name}="${quoteToken(attribute.value)}": ${setting.invalid}`,
      },
    });
  }
}

function idleTimeout(file: TomcatServerFile, settings: ConnectorSettings): IdleTimeout {
  const effective = settings.effectiveIdle;
  const setting = effective.setting;
  const attribute = setting?.attribute;
  const unknown = setting?.unresolved !== undefined ? `\${${setting.unresolved}} is not defined` : setting?.invalid;
  const byDefault = effective.source === 'default';
  const { versions, source } = tomcatDefaults.connectionTimeout;
  return {
    ms: unknown ? undefined : effective.ms,
    never: !!effective.never,
    origin: byDefault ? 'default' : 'written',
    setting: byDefault ? undefined : effective.source,
    description: describeIdleSource(settings),
    assumed: byDefault ? { versions, source } : undefined,
    path: file.path,
    span: attribute ? attribute.valueSpan : settings.connector.tagNameSpan,
    unknown,
  };
}

/** Where the idle timeout comes from, as the race message says it. */
function describeIdleSource(settings: ConnectorSettings): string {
  switch (settings.effectiveIdle.source) {
    case 'keepAliveTimeout':
      return 'keepAliveTimeout';
    case 'connectionTimeout':
      return `connectionTimeout, keepAliveTimeout ${settings.keepAliveTimeout.attribute ? 'not a number Tomcat can set' : 'unset'}`;
    default:
      return settings.keepAliveTimeout.attribute || settings.connectionTimeout.attribute
        ? 'Tomcat default: the timeouts written are not numbers Tomcat can set'
        : 'Tomcat default, neither keepAliveTimeout nor connectionTimeout set';
  }
}
