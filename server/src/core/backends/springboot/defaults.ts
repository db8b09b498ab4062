// What Spring Boot's embedded servers do when no property says otherwise, which property sets the
// idle timeout on each, and from which Spring Boot release. Each fact was read in the project's
// own sources (tags and lines in docs/backends/spring-boot.md).
import type { EmbeddedServer } from './build';
import { versionAtLeast } from '../version';

export interface ServerTimeoutRule {
  /** The server's name in messages. */
  serverName: string;
  /** Properties setting the idle timeout, strongest first, with the Spring Boot releases that read them. */
  properties: { name: string; since: string; until?: string }[];
  /** Milliseconds when nothing is set; undefined: the server never closes an idle connection. */
  defaultMs?: number;
  /** Where the default is stated. */
  defaultSource: string;
  /** The Spring Boot release that dropped the server, when one did. */
  droppedIn?: string;
}

const tomcatConstants =
  'https://github.com/apache/tomcat/blob/10.1.x/java/org/apache/coyote/http11/Constants.java (DEFAULT_CONNECTION_TIMEOUT = 60000)';

export const serverRules: Record<EmbeddedServer, ServerTimeoutRule> = {
  tomcat: {
    serverName: 'Tomcat',
    properties: [
      // Tomcat uses keepAliveTimeout when set, else connectionTimeout (AbstractEndpoint.getKeepAliveTimeout).
      { name: 'server.tomcat.keep-alive-timeout', since: '2.5.0' },
      { name: 'server.tomcat.connection-timeout', since: '2.2.0' },
      // Deprecated in 2.2.0 (gh-18473), removed in 2.3.0 (gh-20991): ignored from then on.
      { name: 'server.connection-timeout', since: '2.0.0', until: '2.3.0' },
    ],
    // Spring Boot never sets connectionTimeout: Tomcat's own constructor default applies, not the
    // 20000 of the stock server.xml.
    defaultMs: 60_000,
    defaultSource: tomcatConstants,
  },
  jetty: {
    serverName: 'Jetty',
    properties: [
      { name: 'server.jetty.connection-idle-timeout', since: '2.2.0' },
      { name: 'server.connection-timeout', since: '2.0.0', until: '2.3.0' },
    ],
    defaultMs: 30_000,
    defaultSource:
      'https://github.com/jetty/jetty.project/blob/jetty-12.0.x/jetty-core/jetty-server/src/main/java/org/eclipse/jetty/server/AbstractConnector.java (_idleTimeout = 30000)',
  },
  undertow: {
    serverName: 'Undertow',
    properties: [
      { name: 'server.undertow.no-request-timeout', since: '2.2.0' },
      { name: 'server.connection-timeout', since: '2.0.0', until: '2.3.0' },
    ],
    // Undertow.builder() sets NO_REQUEST_TIMEOUT to 60 s (Undertow.java); the option alone has no default.
    defaultMs: 60_000,
    defaultSource:
      'https://github.com/undertow-io/undertow/blob/main/core/src/main/java/io/undertow/Undertow.java (NO_REQUEST_TIMEOUT, 60 * 1000)',
    droppedIn: '4.0.0',
  },
  netty: {
    serverName: 'Reactor Netty',
    properties: [{ name: 'server.netty.idle-timeout', since: '2.6.0' }],
    // "If an idleTimeout is not specified, this indicates no timeout (i.e. infinite)" (HttpServer.idleTimeout).
    defaultMs: undefined,
    defaultSource:
      'https://github.com/reactor/reactor-netty/blob/main/reactor-netty-http/src/main/java/reactor/netty/http/server/HttpServer.java (idleTimeout)',
  },
};

/** `server.port` when nothing sets it (ServerProperties; Spring Boot's reference, "Embedded Web Servers"). */
export const defaultPort = 8080;

/** The version assumed when the build does not say: the newest 3.x line (3.5, tagged 2025-05-22). */
export const assumedBootVersion = '3.5.0';

/** `server.tomcat.max-keep-alive-requests` (2.5.0+): 0 or 1 turn keep-alive off; default 100, as Tomcat's. */
export const maxKeepAliveRequestsProperty = { name: 'server.tomcat.max-keep-alive-requests', since: '2.5.0' };

/** Spring Boot versions compared part by part: `2.5.0` >= `2.4`; qualifiers (`-RC1`, `.RELEASE`) ignored. */
export const bootAtLeast = versionAtLeast;

/**
 * A Spring Boot duration (DurationStyle): a whole number with an optional unit `ns us ms s m h d`
 * (any case; none: milliseconds, as none of these properties has @DurationUnit), or ISO-8601
 * (`PT5S`, `PT0.5S`). Undefined when Spring would refuse it (`1m30s`, `1.5s`).
 */
export function parseSpringDuration(text: string): number | undefined {
  const value = text.trim();
  const simple = /^([+-]?\d+)([a-zA-Z]{0,2})$/.exec(value);
  if (simple) {
    const unit = unitMs[simple[2].toLowerCase()];
    return unit === undefined ? undefined : Number(simple[1]) * unit;
  }
  const iso = /^([+-]?)[pP](?:([+-]?\d+)[dD])?(?:[tT](?:([+-]?\d+)[hH])?(?:([+-]?\d+)[mM])?(?:([+-]?\d+)(?:[.,](\d{0,9}))?[sS])?)?$/.exec(
    value,
  );
  if (!iso || value.length <= 2 || /[tT]$/.test(value)) return undefined;
  const [, sign, d, h, m, s, fraction] = iso;
  const ms =
    Number(d ?? 0) * 86_400_000 +
    Number(h ?? 0) * 3_600_000 +
    Number(m ?? 0) * 60_000 +
    Number(s ?? 0) * 1000 +
    Number(`0.${fraction ?? 0}`) * 1000;
  return sign === '-' ? -ms : ms;
}

const unitMs: Record<string, number | undefined> = { '': 1, ns: 1e-6, us: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
