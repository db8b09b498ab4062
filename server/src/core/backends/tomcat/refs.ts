// Tomcat connectors as the linker and the checks see them: port, protocol, and the idle timeout
// that decides the race, with the text that decides it.
import * as path from 'node:path';
import { quoteToken } from '../../quote';
import type { ConnectorRef, FileProblem, IdleTimeout } from '../../analysis';
import type { TomcatServerFile } from './serverXml';
import type { PropertiesFile } from './properties';
import { resolveConnector, type AttributeSetting, type ConnectorSettings } from './connector';

export function connectorRefs(
  files: TomcatServerFile[],
  propertiesIn: (confDir: string) => PropertiesFile | undefined,
  rootDir: string,
  problems: FileProblem[],
): ConnectorRef[] {
  const refs: ConnectorRef[] = [];
  for (const file of files) {
    const properties = propertiesIn(path.dirname(file.path));
    for (const connector of file.connectors) {
      const settings = resolveConnector(connector, properties);
      for (const [name, setting] of namedSettings(settings)) reportSetting(file, name, setting, problems);
      const port = settings.port.value;
      const relative = path.relative(rootDir, file.path).split(path.sep).join('/');
      refs.push({
        file,
        connector,
        settings,
        port,
        isAjp: settings.isAjp,
        idle: idleTimeout(file, settings),
        keepAliveDisabled: settings.maxKeepAliveRequests.value === 1,
        label: `${relative}, Connector port ${port ?? quoteToken(settings.port.attribute?.value ?? '8080')}${connector.serviceName ? ` (Service ${quoteToken(connector.serviceName)})` : ''}`,
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
        message: `${name} uses \${${setting.unresolved}}, which catalina.properties beside server.xml does not define: its value cannot be known here, so it is not checked (Tomcat keeps the literal text and falls back to its default unless the property is set with -D).`,
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
  return {
    ms: unknown ? undefined : effective.ms,
    never: !!effective.never,
    source: effective.source,
    path: file.path,
    span: attribute ? attribute.valueSpan : settings.connector.tagNameSpan,
    unknown,
  };
}
