// The linked picture of a workspace that every check reads. Built by workspace.ts, free of I/O.
import type { LineIndex } from './text';
import type { Span } from './types';
import type { AnalysisSettings } from './settings';
import type { NginxFile } from './nginx/ast';
import type { NginxConfig, UpstreamBlock, UpstreamServer } from './nginx/nodes';
import type { FileProblem } from './problems';

export type { NginxConfig } from './nginx/nodes';
export type { FileProblem } from './problems';
import type { NginxVersion } from './nginx/version';
import type { TomcatServerFile, TomcatConnector } from './backends/tomcat/serverXml';
import type { ConnectorSettings } from './backends/tomcat/connector';

/** Where Tomcat's idle timeout for a connector comes from, and the text that decides it. */
export interface IdleTimeout {
  /** Milliseconds; undefined when Tomcat never times out (-1) or the value cannot be known. */
  ms?: number;
  never: boolean;
  source: 'keepAliveTimeout' | 'connectionTimeout' | 'default';
  /** The file and span to underline: an attribute value, or the Connector tag when a default applies. */
  path: string;
  span: Span;
  /** Why the value cannot be known (an unresolved ${property}, a non-number). */
  unknown?: string;
}

export interface ConnectorRef {
  file: TomcatServerFile;
  connector: TomcatConnector;
  settings: ConnectorSettings;
  port?: number;
  isAjp: boolean;
  idle: IdleTimeout;
  /** maxKeepAliveRequests="1": every response closes the connection cleanly, nothing is reused. */
  keepAliveDisabled: boolean;
  /** `tomcat/conf/server.xml, Connector port 8080` (path relative to the analysed folder). */
  label: string;
}

export interface Link {
  config: NginxConfig;
  upstream: UpstreamBlock;
  server: UpstreamServer;
  connector: ConnectorRef;
  via: 'port' | 'setting';
}

export interface Analysis {
  /** The analysed folder: messages show paths relative to it. */
  rootDir: string;
  settings: AnalysisSettings;
  nginxVersion: NginxVersion;
  nginxFiles: NginxFile[];
  tomcatFiles: TomcatServerFile[];
  configs: NginxConfig[];
  connectors: ConnectorRef[];
  links: Link[];
  /** Problems met while reading files (syntax, includes, values, properties), each with its check id as code. */
  problems: FileProblem[];
  /** Line indexes by path, for turning spans into ranges. */
  lines(path: string): LineIndex | undefined;
  /**
   * Changes when nodes kept from an earlier analysis moved in their file or changed wording
   * (includes.ts, nodeMoveCount): findings kept with them must be made again, as they quote places.
   */
  layoutVersion: number;
}
