// Custom messages between the VS Code client and the language server.
// Only constants and types: the client bundles this file without pulling in the server.

/** Server -> client notification: what the server found, for the language status item. */
export const statusNotification = 'timeoutChain/status';

/** Client -> server request: rescan the workspace from disk and re-publish; returns a StatusParams. */
export const analyzeWorkspaceRequest = 'timeoutChain/analyzeWorkspace';

export interface LinkSummary {
  /** `upstream backend, server app:8080` */
  upstream: string;
  /** `tomcat/conf/server.xml: Connector port 8080` (paths relative to the workspace folder) */
  connector: string;
  /** How the link was made: by port, by the `timeoutChain.links` setting, or through the deployment files. */
  via: 'port' | 'setting' | 'service';
  /** The same in words: `via compose service app, port 8080`, `by port`, `from links setting`. */
  how?: string;
}

export interface StatusParams {
  state: 'scanning' | 'ready';
  /** While scanning: files read so far. */
  filesRead?: number;
  nginxFiles: number;
  tomcatFiles: number;
  upstreams: number;
  connectors: number;
  linkCount: number;
  /** Every link, sent only when the list changed since the last status (it can be long). */
  links?: LinkSummary[];
  /** Findings of warning severity or worse across the workspace. */
  problems: number;
}

/**
 * The deployment files (core/deployment isDeploymentFileName) as globs: the server watches them
 * and the client syncs their editors. Here, as the client bundles no server code.
 */
export { backendPatterns } from '../core/backends/names';

export const deploymentPatterns = [
  '**/{compose,docker-compose}*.{yml,yaml}',
  '**/{Dockerfile,Containerfile}',
  '**/{Dockerfile,Containerfile}.*',
  '**/*.{Dockerfile,Containerfile,dockerfile,containerfile}',
  '**/.env',
  '**/.env.*',
  '**/*.env',
];

/** Command ids contributed by the extension (package.json `contributes.commands`). */
export const commands = {
  restartServer: 'timeoutChain.restartServer',
  showOutput: 'timeoutChain.showOutput',
  analyzeWorkspace: 'timeoutChain.analyzeWorkspace',
  /** Opens the chain view (no arguments). */
  showChains: 'timeoutChain.showChains',
  /** Applies the code action titled `title` of the diagnostic starting at `line`:`character` of `uri` (one ApplyFixArgs). */
  applyFix: 'timeoutChain.applyFix',
} as const;

/** The argument of `commands.applyFix`, as hover links pass it (command URIs carry JSON arrays). */
export interface ApplyFixArgs {
  uri: string;
  line: number;
  character: number;
  title: string;
}
