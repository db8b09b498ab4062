// Analysis settings. The same keys are read from VS Code settings (`timeoutChain.*`) by the server
// and from `timeout-chain.json` at the analysed folder's root by both the CLI and the server.

/** An explicit link from an nginx upstream (or one of its servers) to a Tomcat connector. */
export interface ExplicitLink {
  /** nginx upstream name. */
  upstream: string;
  /** Optional `host:port` of one `server` entry of that upstream; all entries when absent. */
  server?: string;
  /** Path of the Tomcat server.xml, relative to the analysed folder (or absolute). */
  serverXml: string;
  /** Connector port in that server.xml; the file's only HTTP connector when absent. */
  port?: number;
}

export interface FixMargins {
  /** Raise the upstream's idle timeout to at least nginx's plus this percentage... */
  upstreamMarginPercent: number;
  /** ...and at least nginx's plus this many seconds (the larger wins, rounded up to whole seconds). */
  upstreamMarginMinSeconds: number;
  /** Lower nginx's idle timeout below the upstream's by at least this percentage... */
  proxyMarginPercent: number;
  /** ...and at least this many seconds (the larger wins). */
  proxyMarginMinSeconds: number;
}

export interface AnalysisSettings {
  /** nginx version whose defaults apply (`1.24.0`); undefined: the newest behaviour (1.29.7+). */
  nginxVersion?: string;
  /** Deployed include prefix -> folder in the workspace, e.g. {"/etc/nginx": "deploy/nginx"}. */
  nginxPrefixMap: Record<string, string>;
  links: ExplicitLink[];
  /** Glob patterns (relative to the analysed folder) of files never read. */
  exclude: string[];
  fix: FixMargins;
}

export const defaultSettings: AnalysisSettings = {
  nginxVersion: undefined,
  nginxPrefixMap: {},
  links: [],
  exclude: ['**/node_modules/**', '**/.git/**'],
  fix: {
    upstreamMarginPercent: 50,
    upstreamMarginMinSeconds: 5,
    proxyMarginPercent: 10,
    proxyMarginMinSeconds: 1,
  },
};

/**
 * Reads settings shaped as the `timeoutChain` section of VS Code settings or as
 * `timeout-chain.json` ({"nginx": {"version": ...}, "links": [...], ...}) over `base`.
 * Unusable entries are skipped and said in `errors`, never thrown.
 */
export function readSettings(raw: unknown, base: AnalysisSettings = defaultSettings): { settings: AnalysisSettings; errors: string[] } {
  const errors: string[] = [];
  const settings: AnalysisSettings = { ...base, fix: { ...base.fix }, links: [...base.links], nginxPrefixMap: { ...base.nginxPrefixMap } };
  if (!isObject(raw)) return { settings, errors: raw === undefined || raw === null ? [] : ['settings must be an object'] };
  const nginx = raw.nginx;
  if (isObject(nginx)) {
    if (typeof nginx.version === 'string') settings.nginxVersion = nginx.version.trim() === '' ? undefined : nginx.version.trim();
    else if (nginx.version !== undefined) errors.push('nginx.version must be a string such as "1.24.0"');
    if (isObject(nginx.prefixMap)) {
      for (const [deployed, local] of Object.entries(nginx.prefixMap)) {
        if (typeof local === 'string') settings.nginxPrefixMap[deployed] = local;
        else errors.push(`nginx.prefixMap["${deployed}"] must be a folder path`);
      }
    }
  }
  if (Array.isArray(raw.links)) {
    raw.links.forEach((link, i) => {
      if (isObject(link) && typeof link.upstream === 'string' && typeof link.serverXml === 'string' && (link.port === undefined || Number.isInteger(link.port)) && (link.server === undefined || typeof link.server === 'string')) {
        settings.links.push({ upstream: link.upstream, serverXml: link.serverXml, server: link.server as string | undefined, port: link.port as number | undefined });
      } else errors.push(`links[${i}] needs "upstream" and "serverXml" strings, optional "server" (host:port) and "port" (number)`);
    });
  }
  if (Array.isArray(raw.exclude)) settings.exclude = raw.exclude.filter((e): e is string => typeof e === 'string');
  if (isObject(raw.fix)) {
    for (const key of Object.keys(settings.fix) as (keyof FixMargins)[]) {
      const value = raw.fix[key];
      if (value === undefined) continue;
      if (typeof value === 'number' && Number.isFinite(value) && value >= 0) settings.fix[key] = value;
      else errors.push(`fix.${key} must be a number of at least 0`);
    }
  }
  return { settings, errors };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
