// The linked picture of a workspace that every check reads. Built by workspace.ts, free of I/O.
import type { LineIndex } from './text';
import type { AnalysisSettings } from './settings';
import type { NginxFile } from './nginx/ast';
import type { NginxConfig, ProxyRoute, UpstreamBlock, UpstreamServer } from './nginx/nodes';
import type { FileProblem } from './problems';
import type { SettingsFile } from './settingsFile';
import type { NginxVersion } from './nginx/version';
import type { BackendEndpoint } from './backends/endpoint';
import type { BackendFile, BackendWords } from './backends/kind';

export type { NginxConfig } from './nginx/nodes';
export type { FileProblem } from './problems';
export type { BackendEndpoint, IdleTimeout } from './backends/endpoint';

export interface Link {
  config: NginxConfig;
  upstream: UpstreamBlock;
  server: UpstreamServer;
  endpoint: BackendEndpoint;
  /** The same endpoint, by the name it had when Tomcat connectors were the only backends. */
  connector: BackendEndpoint;
  /** By port, by the `links` setting, or through the deployment facts (a service's name, a published port). */
  via: 'port' | 'setting' | 'service';
  /** For a link made through the deployment files: the service the address reached, and on which container port. */
  through?: LinkThrough;
}

/** One fastcgi_pass route reaching one FastCGI endpoint. */
export interface FastcgiLink {
  config: NginxConfig;
  route: ProxyRoute;
  /** For `fastcgi_pass name`: the upstream and its server that led here. */
  upstream?: UpstreamBlock;
  server?: UpstreamServer;
  /** The address as written (`php:9000`, `unix:/run/php/php-fpm.sock`). */
  address: string;
  endpoint: BackendEndpoint;
  via: 'port' | 'socket' | 'service';
  through?: LinkThrough;
}

/** `server app:8080` reached compose service `app` by its name, on its port 8080. */
export interface LinkThrough {
  service: string;
  port: number;
  how: 'service name' | 'alias' | 'container_name' | 'hostname' | 'published port';
  /** The deployment (its compose files) the service belongs to. */
  deployment?: string;
}

/** The files one backend kind read, with the words messages use for them. */
export interface BackendFiles extends BackendWords {
  kind: string;
  files: BackendFile[];
}

export interface Analysis {
  /** The analysed folder: messages show paths relative to it. */
  rootDir: string;
  settings: AnalysisSettings;
  /** `timeout-chain.json` at the root as read (undefined: there is none, or it could not be read). */
  settingsFile?: SettingsFile;
  /** The nginx version whose defaults apply: the setting's, else the one every deployment's image agrees on, else the newest. */
  nginxVersion: NginxVersion;
  /** Per configuration, when the deployment files say which image runs it (see nginxVersionOf). */
  configVersions?: ReadonlyMap<NginxConfig, NginxVersion>;
  nginxFiles: NginxFile[];
  /** By backend kind, in registry order (every registered kind, also those with no file). */
  backends: BackendFiles[];
  configs: NginxConfig[];
  endpoints: BackendEndpoint[];
  links: Link[];
  /** fastcgi_pass routes linked to FastCGI endpoints (php-fpm pools); absent where nothing links them. */
  fastcgiLinks?: FastcgiLink[];
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

/** The nginx version whose defaults apply to a configuration. */
export function nginxVersionOf(analysis: Pick<Analysis, 'nginxVersion' | 'configVersions'>, config: NginxConfig): NginxVersion {
  return analysis.configVersions?.get(config) ?? analysis.nginxVersion;
}
