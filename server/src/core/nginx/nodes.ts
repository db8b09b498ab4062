// The shapes every nginx reader shares: the nodes an include expansion makes, the http model
// built from them, and one configuration as nginx would load it. Types only, imported by all
// the nginx modules and by nothing they import: a leaf, so the modules form no cycle.
import type { NginxDirective, NginxFile, NginxToken } from './ast';

/** A directive together with the file it was read from (include expansion shares files). */
export interface ConfigNode {
  directive: NginxDirective;
  file: NginxFile;
  /** Children of the directive's block, includes expanded; undefined for a simple directive. */
  children?: ConfigNode[];
  /**
   * Kept by the model on the node itself: what the directive is to an http level, the routes of a
   * server block, an upstream block as read. An edit re-reads a few nodes among thousands, and reading only the node
   * (not its directive, name and text) keeps that pass cheap. It holds only what the directive's
   * meaning decides, never a place: a node may move to a new parse of its file (includes.ts), and
   * places are read from its directive when they are needed.
   */
  modelMemo?: { role: Role; level?: LevelRoutes; upstream?: UpstreamBlock };
}

/** What a directive is to an http level (model.ts decides it once per node). */
export const enum Role {
  Upstream,
  Map,
  Header,
  Scalar,
  Pass,
  Level,
  Other,
}

/** A block's routes with their upstream names beside them, so indexing reads no route object. */
export interface LevelRoutes {
  inheritedKey: string;
  routes: ProxyRoute[];
  names: string[];
}

export interface UpstreamServer {
  node: ConfigNode;
  address: NginxToken;
  host: string;
  /** Undefined for unix sockets. */
  port?: number;
}

export interface UpstreamBlock {
  name: string;
  node: ConfigNode;
  servers: UpstreamServer[];
  keepalive?: { count: number; node: ConfigNode };
  /** `token` is the value as the node's directive has it now (the node may have moved since it was read). */
  keepaliveTimeout?: { ms: number; node: ConfigNode; readonly token: NginxToken };
}

/** A setting and the directive it comes from; value undefined: not set, nginx's default applies. */
export interface Setting {
  value?: string;
  node?: ConfigNode;
}

/** The Connection header: value '' means the header is not sent. */
export interface ConnectionSetting extends Setting {
  /** The map{} that gave a `$variable` value its value for ordinary (non-upgrade) requests. */
  map?: ConfigNode;
  /**
   * The proxy_set_header at a closer level that stopped an outer `Connection` header from being
   * inherited (proxy_set_header is inherited only by levels that define none of their own).
   */
  droppedBy?: ConfigNode;
  /** The outer `proxy_set_header Connection` that was dropped. */
  dropped?: ConfigNode;
}

/** The module that sends requests to the upstream: `proxy_pass`, `grpc_pass`, `fastcgi_pass`... */
export type RouteProtocol = 'http' | 'grpc' | 'fastcgi' | 'uwsgi' | 'scgi';

/** What nginx does when a request fails on an upstream connection (the module's `*_next_upstream*`). */
export interface RetrySettings {
  /** `proxy_next_upstream` arguments joined by spaces; default `error timeout`. */
  nextUpstream: Setting;
  /** `proxy_next_upstream_tries`; default 0 (unlimited). */
  tries: Setting;
  /** `proxy_next_upstream_timeout`; default 0 (none). */
  timeout: Setting;
  /** `proxy_request_buffering`; default on. */
  requestBuffering: Setting;
}

/** The address a pass directive names directly; `host` is `unix:/path` for a socket, as upstream servers have it. */
export interface PassAddress {
  host: string;
  port?: number;
  socket?: string;
}

/** One `proxy_pass` (or `grpc_pass`, `fastcgi_pass`...) to a named upstream, with what it sends. */
export interface ProxyRoute {
  node: ConfigNode;
  upstreamName: string;
  protocol: RouteProtocol;
  /**
   * Enclosing blocks from the outermost (http) to the innermost (location, if, limit_except). A
   * route reused from an earlier analysis keeps that analysis's http node: equal to the current one
   * in every directive routes inherit (that equality is what allowed the reuse).
   */
  scopes: ConfigNode[];
  /** HTTP routes only ({} otherwise). */
  httpVersion: Setting;
  /** HTTP routes only ({} otherwise). */
  connection: ConnectionSetting;
  retry: RetrySettings;
  /** `fastcgi_keep_conn`; FastCGI routes only ({} otherwise). */
  keepConn: Setting;
  /** `fastcgi_read_timeout` (default 60s); FastCGI routes only ({} otherwise). */
  readTimeout: Setting;
  /**
   * For `fastcgi_pass 127.0.0.1:9000` or `unix:/path`: the address, which nginx also names the
   * implicit upstream by (`upstreamName` is the text as written); absent for a named upstream.
   */
  address?: PassAddress;
  /** `location /api in server app.example.com` */
  label: string;
}

export interface HttpModel {
  upstreams: Map<string, UpstreamBlock>;
  routes: ProxyRoute[];
  /** The same routes by the upstream name they pass to. */
  routesByUpstream: Map<string, ProxyRoute[]>;
}

export interface IncludeEdge {
  /** The include directive and the file it is written in. */
  node: ConfigNode;
  /** Files it brought in. */
  targets: string[];
}

/** One nginx configuration as nginx would load it: a main file with its includes, or lone files. */
export interface NginxConfig {
  /** The main file, or undefined for files that nothing includes, read together as one http{} context. */
  root?: NginxFile;
  http: HttpModel;
  /** Every include directive met while reading it, with the files each brought in. */
  includes: () => IncludeEdge[];
}
