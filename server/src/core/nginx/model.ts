// What nginx does with an http{} context, as far as upstream keep-alive is concerned: which
// upstream blocks exist and which routes pass requests to each (routes.ts reads a route's
// settings). What an edit leaves unchanged is kept on the nodes between analyses.
import type { NginxToken } from './ast';
import { Role, type ConfigNode, type HttpModel, type LevelRoutes, type ProxyRoute, type UpstreamBlock, type UpstreamServer } from './nodes';

export type {
  ConfigNode,
  ConnectionSetting,
  HttpModel,
  ProxyRoute,
  RetrySettings,
  RouteProtocol,
  Setting,
  UpstreamBlock,
  UpstreamServer,
} from './nodes';
import { parseNginxInt, parseNginxTime } from './values';
import { memoized } from '../memo';
import {
  levelBlocks,
  passDirectives,
  scalarNames,
  visitChild,
  visitLevel,
  type Inherited,
  type LevelState,
  type UpstreamNames,
} from './routes';

/**
 * Builds the model of one http{} context from its children (includes already expanded). With the
 * previous model of the same context, unchanged server blocks and upstreams are not read again:
 * their routes are reused while the state they inherit from the http level is the same.
 */
export function buildHttpModel(
  httpNode: ConfigNode | undefined,
  children: ConfigNode[],
  names: UpstreamNames,
  previous?: HttpModel,
): HttpModel {
  return (previous && patchedModel(httpNode, children, previous)) ?? fullModel(httpNode, children, names, previous);
}

function fullModel(httpNode: ConfigNode | undefined, children: ConfigNode[], names: UpstreamNames, previous?: HttpModel): HttpModel {
  const model: HttpModel = { upstreams: new Map(), routes: [], routesByUpstream: new Map() };
  const maps = new Map<string, ConfigNode>();
  const headers: ConfigNode[] = [];
  const scalars = new Map<string, ConfigNode>();
  /** Children that can hold routes, in order: read each child's name once (there may be 10,000s). */
  const routeHolders: ConfigNode[] = [];
  for (const child of children) {
    const memo = (child.modelMemo ??= { role: roleOf(child) });
    switch (memo.role) {
      case Role.Map:
        maps.set(child.directive.args[1].value, child);
        break;
      case Role.Header:
        headers.push(child);
        break;
      case Role.Scalar:
        scalars.set(child.directive.name.value, child);
        break;
      case Role.Pass:
      case Role.Level:
        routeHolders.push(child);
    }
  }
  const outer: Inherited = { names, headers: [], scalars: new Map(), scopes: [] };
  const top: LevelState = {
    here: { names, headers, scalars, scopes: httpNode ? [httpNode] : [] },
    outer,
    definesHeaders: headers.length > 0,
  };
  const inheritedKey = `${stateKey(top.here)}|${[...maps].map(([name, map]) => `${name}=${idOf(map)}`).join(',')}`;
  model.upstreams = upstreamsOf(children);
  const index = new RouteIndex(model);
  let passAtTop = false;
  for (const child of routeHolders) {
    const memo = child.modelMemo!;
    if (memo.role !== Role.Level || !child.children) {
      passAtTop = true;
      const routes: ProxyRoute[] = [];
      visitChild(child, top.here, top.outer, top.definesHeaders, routes, maps);
      for (const route of routes) index.add(route, route.upstreamName);
      continue;
    }
    const known = levelRoutes(child, top.here, maps, inheritedKey);
    for (let i = 0; i < known.routes.length; i++) index.add(known.routes[i], known.names[i]);
  }
  index.keepUnchanged(previous);
  builtFrom.set(model, { children, passAtTop, here: top.here, maps, inheritedKey });
  return model;
}

/** A server block's routes: they depend on its own subtree and on what the http level passes down. */
function levelRoutes(child: ConfigNode, here: Inherited, maps: Map<string, ConfigNode>, inheritedKey: string): LevelRoutes {
  const memo = child.modelMemo!;
  if (memo.level?.inheritedKey === inheritedKey) return memo.level;
  const routes: ProxyRoute[] = [];
  visitLevel(child, child.children!, here, routes, maps);
  return (memo.level = { inheritedKey, routes, names: routes.map((r) => r.upstreamName) });
}

/** What a model was built from, so that the next one can be patched. */
interface Built {
  children: ConfigNode[];
  /** A `*_pass` right in http{} (nginx refuses it): its routes are kept nowhere to count, so no patching. */
  passAtTop: boolean;
  here: Inherited;
  maps: Map<string, ConfigNode>;
  inheritedKey: string;
}

const builtFrom = new WeakMap<HttpModel, Built>();

/**
 * The previous model with one stretch of children replaced, when that stretch holds only server
 * and upstream blocks (anything else may change what the http level passes down): an edit to one
 * of 10,000 included files then costs its own routes, not everyone's. Undefined: build anew.
 */
function patchedModel(httpNode: ConfigNode | undefined, children: ConfigNode[], previous: HttpModel): HttpModel | undefined {
  const built = builtFrom.get(previous);
  if (!built || built.passAtTop) return undefined;
  const old = built.children;
  let start = 0;
  while (start < old.length && start < children.length && old[start] === children[start]) start++;
  let oldEnd = old.length;
  let newEnd = children.length;
  while (oldEnd > start && newEnd > start && old[oldEnd - 1] === children[newEnd - 1]) {
    oldEnd--;
    newEnd--;
  }
  if (oldEnd - start + (newEnd - start) > 64) return undefined; // many changes: a full build is as cheap
  let upstreamsChanged = false;
  for (const stretch of [old.slice(start, oldEnd), children.slice(start, newEnd)]) {
    for (const child of stretch) {
      const role = (child.modelMemo ??= { role: roleOf(child) }).role;
      if (role === Role.Upstream) upstreamsChanged = true;
      else if (role !== Role.Other && !(role === Role.Level && child.children)) return undefined;
    }
  }
  const oldRoutes: ProxyRoute[] = [];
  for (let i = start; i < oldEnd; i++) {
    const level = old[i].modelMemo!.level;
    if (old[i].modelMemo!.role !== Role.Level) continue;
    if (level?.inheritedKey !== built.inheritedKey) return undefined;
    oldRoutes.push(...level.routes);
  }
  const here: Inherited = { ...built.here, scopes: httpNode ? [httpNode] : [] };
  const newRoutes: ProxyRoute[] = [];
  for (let i = start; i < newEnd; i++)
    if (children[i].modelMemo!.role === Role.Level)
      newRoutes.push(...levelRoutes(children[i], here, built.maps, built.inheritedKey).routes);
  // Lists are the holders' routes in document order, so a stretch's routes start after those of
  // the holders before it (counted, not looked up: a file included twice repeats its routes).
  const routesBefore = (name?: string) => {
    let count = 0;
    for (let i = 0; i < start; i++) {
      const names = old[i].modelMemo?.level?.names ?? [];
      if (name === undefined) count += names.length;
      else for (const n of names) if (n === name) count++;
    }
    return count;
  };
  const replaced = (list: ProxyRoute[], gone: ProxyRoute[], come: ProxyRoute[], name?: string) => {
    const at = routesBefore(name);
    return list.slice(0, at).concat(come, list.slice(at + gone.length));
  };
  const model: HttpModel = {
    upstreams: upstreamsChanged ? upstreamsOf(children) : previous.upstreams,
    routes: oldRoutes.length === 0 && newRoutes.length === 0 ? previous.routes : replaced(previous.routes, oldRoutes, newRoutes),
    routesByUpstream: new Map(previous.routesByUpstream),
  };
  for (const name of new Set([...oldRoutes, ...newRoutes].map((r) => r.upstreamName))) {
    const list = replaced(
      previous.routesByUpstream.get(name) ?? [],
      oldRoutes.filter((r) => r.upstreamName === name),
      newRoutes.filter((r) => r.upstreamName === name),
      name,
    );
    if (list.length > 0) model.routesByUpstream.set(name, list);
    else model.routesByUpstream.delete(name);
  }
  builtFrom.set(model, { ...built, children, here });
  return model;
}

/** Upstream blocks by name, the first of each name, in document order. */
function upstreamsOf(children: ConfigNode[]): Map<string, UpstreamBlock> {
  const upstreams = new Map<string, UpstreamBlock>();
  for (const child of children) {
    const memo = (child.modelMemo ??= { role: roleOf(child) });
    if (memo.role !== Role.Upstream) continue;
    const upstream = (memo.upstream ??= readUpstream(child));
    if (!upstreams.has(upstream.name)) upstreams.set(upstream.name, upstream);
  }
  return upstreams;
}

function roleOf(node: ConfigNode): Role {
  const { name, args } = node.directive;
  switch (name.value) {
    case 'upstream':
      return args.length > 0 ? Role.Upstream : Role.Other;
    case 'map':
      return args.length >= 2 ? Role.Map : Role.Other;
    case 'proxy_set_header':
      return Role.Header;
  }
  if (scalarNames.has(name.value)) return Role.Scalar;
  if (name.value in passDirectives) return Role.Pass;
  return node.children && levelBlocks.has(name.value) ? Role.Level : Role.Other;
}

/**
 * Small stable ids for nodes, to compare inherited states cheaply. By node, not directive: a node
 * moved to a new parse of its file (includes.ts, `keeps`) says the same as before.
 */
const nodeIds = new WeakMap<ConfigNode, number>();
let nextNodeId = 0;
function idOf(node: ConfigNode): number {
  return memoized(nodeIds, node, () => nextNodeId++);
}

function stateKey(state: Inherited): string {
  const scalars = [...state.scalars].map(([name, node]) => `${name}=${idOf(node)}`).join(',');
  return `${state.headers.map(idOf).join(',')};${scalars}`;
}

/**
 * Routes by upstream, in document order. A list equal to the previous model's (same route objects)
 * is replaced by the previous list itself, so what was derived from it (reuse, findings) is reused.
 */
class RouteIndex {
  private list: ProxyRoute[] | undefined;
  private name = '';

  constructor(private readonly model: HttpModel) {}

  add(route: ProxyRoute, name: string): void {
    this.model.routes.push(route);
    // Routes to one upstream usually come in a row (one server block): skip the lookup then.
    if (this.list === undefined || this.name !== name) {
      this.name = name;
      this.list = this.model.routesByUpstream.get(name);
      if (!this.list) this.model.routesByUpstream.set(name, (this.list = []));
    }
    this.list.push(route);
  }

  keepUnchanged(previous: HttpModel | undefined): void {
    if (!previous) return;
    for (const [name, list] of this.model.routesByUpstream) {
      const before = previous.routesByUpstream.get(name);
      if (before && before.length === list.length && before.every((route, i) => route === list[i]))
        this.model.routesByUpstream.set(name, before);
    }
  }
}

function readUpstream(node: ConfigNode): UpstreamBlock {
  const upstream: UpstreamBlock = { name: node.directive.args[0].value, node, servers: [] };
  for (const child of node.children ?? []) {
    const args = child.directive.args;
    switch (child.directive.name.value) {
      case 'server':
        if (args[0]) upstream.servers.push(readServer(child, args[0]));
        break;
      // A value nginx rejects is reported once per file (directiveValues.ts); here it is just not used.
      case 'keepalive': {
        const count = args[0] ? parseNginxInt(args[0].value) : undefined;
        if (count !== undefined) upstream.keepalive = { count, node: child };
        break;
      }
      case 'keepalive_timeout': {
        const time = args[0] ? parseNginxTime(args[0].value, 'ms') : undefined;
        if (time?.ok)
          upstream.keepaliveTimeout = {
            ms: time.ms,
            node: child,
            get token() {
              return child.directive.args[0];
            },
          };
        break;
      }
    }
  }
  return upstream;
}

function readServer(node: ConfigNode, address: NginxToken): UpstreamServer {
  const text = address.value;
  if (text.startsWith('unix:')) return { node, address, host: text };
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (bracketed) return { node, address, host: bracketed[1], port: bracketed[2] ? +bracketed[2] : 80 };
  const colon = text.lastIndexOf(':');
  if (colon > 0 && /^\d+$/.test(text.slice(colon + 1))) return { node, address, host: text.slice(0, colon), port: +text.slice(colon + 1) };
  return { node, address, host: text, port: 80 };
}
