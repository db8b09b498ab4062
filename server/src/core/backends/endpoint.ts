// A backend endpoint: one place a server listens, as the linker and the checks see it, whatever
// the server. Each backend kind (backends/<kind>/) makes them from its files; nothing above this
// layer reads a kind's own types.
import type { Location, Span, TextEdit } from '../types';

/** Where a value comes from: written in a file, a server default, a profile, the environment, code. */
export type ValueOrigin = 'written' | 'default' | 'profile' | 'environment' | 'code';

/** The protocols a backend may speak; nginx's proxy_pass reaches only `http`. */
export type EndpointProtocol = 'http' | 'h2c' | 'ajp' | 'fastcgi' | 'uwsgi';

/** The idle keep-alive timeout after which the server closes a connection, and where it comes from. */
export interface IdleTimeout {
  /** Milliseconds; undefined when the server never times out or the value cannot be known. */
  ms?: number;
  never: boolean;
  origin: ValueOrigin;
  /** The setting whose value decided it (`keepAliveTimeout`); absent when a default did. */
  setting?: string;
  /** Where the value comes from, as messages say it: `connectionTimeout, keepAliveTimeout unset`. */
  description: string;
  /** For a default: the server versions it holds for and the page that states it. */
  assumed?: { versions: string; source: string };
  /** The file and span to underline: the value written, or the declaration when a default applies. */
  path: string;
  span: Span;
  /** Why the value cannot be known (an unresolved ${property}, a non-number). */
  unknown?: string;
}

/** Places a span of a file the workspace read; undefined when it has no text for that file. */
export type Locator = (file: string, span: Span) => Location | undefined;

/** One edit writing `newText` at a located place; none when the place could not be located (a file gone since). */
export function editAt(location: Location | undefined, newText: string): TextEdit[] | undefined {
  return location ? [{ ...location, newText }] : undefined;
}

/** How to give the endpoint a longer idle timeout. */
export interface IdleTimeoutRaise {
  /** What the fix title says it sets: `Tomcat keepAliveTimeout`. */
  setting: string;
  /** The longest timeout the server accepts, in ms. */
  maxMs: number;
  /** How the value written reads in the fix title (`90s`); default `90000 ms`. */
  display?(ms: number): string;
  /**
   * A file to create saying it, when no file the server reads says anything yet (Spring Boot's
   * `application.properties`); tried when `edits` gives none.
   */
  creates?(ms: number): { file: string; text: string } | undefined;
  /** Edits making the idle timeout `ms`; undefined when no edit can say it. */
  edits(ms: number, locate: Locator): TextEdit[] | undefined;
}

export interface BackendEndpoint {
  /** The backend kind that read it (`tomcat`). */
  kind: string;
  /** The server's display name in messages: `Tomcat`. */
  serverName: string;
  /** What the server calls a listening endpoint: `connector`. */
  noun: string;
  /** `tomcat/conf/server.xml, Connector port 8080 (Service Catalina)` (path relative to the analysed folder). */
  label: string;
  /** Unique within an analysis: the declaring file and offset. */
  key: string;
  /** The file declaring it. */
  file: { path: string };
  /** The declaration (hovers anywhere in it), and the words go-to-definition lands on. */
  span: Span;
  nameSpan: Span;
  /** Where it listens. */
  port?: number;
  hosts: string[];
  socket?: string;
  /**
   * The service it belongs to in its server's own terms (a Tomcat <Service>). Which compose
   * service runs it is the deployment facts' to say (deployment/resolve.ts serviceHoldsFile).
   */
  service?: string;
  protocol: EndpointProtocol;
  /** False when every response closes its connection: nothing is reused, so nothing races. */
  keepsAlive: boolean;
  /** Why it keeps no connection alive, as the hover says it. */
  noKeepAliveReason?: string;
  idle: IdleTimeout;
  raise: IdleTimeoutRaise;
  /**
   * How long the server lets one request run before it kills it (php-fpm's
   * request_terminate_timeout); absent for servers that set no such limit on a connection nginx reads.
   */
  requestLimit?: RequestLimit;
  /**
   * For an endpoint read from a deployment service's image alone (no file of the kind runs there:
   * `php:8.3-fpm` with its defaults): the compose service running it, which links reach it through.
   */
  composeService?: string;
}

/** A per-request time limit after which the server kills the request, and where it comes from. */
export interface RequestLimit {
  /** Milliseconds; undefined when off (`never`) or unknown. */
  ms?: number;
  never: boolean;
  origin: ValueOrigin;
  /** The setting whose value decided it (`request_terminate_timeout`); absent when a default did. */
  setting?: string;
  /** Where the value comes from, as messages say it: `request_terminate_timeout in [www]`. */
  description: string;
  /** When the server actually kills, beyond the value (php-fpm checks on a heartbeat of a third of it). */
  actually?: string;
  assumed?: { versions: string; source: string };
  /** The file and span to underline. */
  path: string;
  span: Span;
  /** Why the value cannot be known (a `${VAR}` the environment does not set). */
  unknown?: string;
  /** Settings that limit a request too but answer it themselves (PHP's max_execution_time): said beside the limit. */
  notes: { message: string; path: string; span: Span }[];
  /** How to give requests longer; absent when no edit can say it (a default of an image). */
  raise?: { setting: string; display(ms: number): string; edits(ms: number, locate: Locator): TextEdit[] | undefined };
}

/** The largest signed 32-bit integer: most servers read timeouts into an int (Java's setters, Node's timers). */
export const maxInt32 = 2_147_483_647;
