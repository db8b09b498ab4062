// The repair of a route that loses its keep-alive: HTTP/1.1 and no `Connection: close`, written
// where nginx allows them. proxy_http_version and proxy_set_header are allowed in http, server
// and location only (ngx_http_proxy_module.c: NGX_HTTP_MAIN_CONF|NGX_HTTP_SRV_CONF|NGX_HTTP_LOC_CONF),
// while proxy_pass may also sit in `if` and `limit_except` (NGX_HTTP_LIF_CONF|NGX_HTTP_LMT_CONF),
// so they go to the enclosing location. A directive the location already has is changed in place:
// a second proxy_http_version is "duplicate", and a second Connection header leaves the first.
import type { Analysis } from '../../analysis';
import type { Fix, TextEdit } from '../../types';
import type { ConfigNode, ProxyRoute } from '../../nginx/model';
import type { RouteReuse } from '../../nginx/reuse';
import { insertInBlock, replaceToken, wellFormed } from '../nginxEdits';
import { quoteToken } from '../../quote';

export function restoreFix(analysis: Analysis, r: RouteReuse): Fix | undefined {
  const { route } = r;
  const location = enclosingLocation(route);
  if (!location?.directive.block) return undefined; // nginx allows proxy_pass nowhere else
  const label = `location ${quoteToken(location.directive.args.map((a) => a.raw).join(' '))}`.trim();
  const edits: TextEdit[] = [];
  const changes: string[] = [];
  const lines: string[] = [];
  if (r.httpVersion !== '1.1') {
    const node = route.httpVersion.node;
    const arg = node?.directive.args[0];
    if (node && arg && isOwn(location, node)) {
      edits.push(replaceToken(analysis, node.file, arg, '1.1'));
      changes.push(`change proxy_http_version ${quoteToken(arg.raw)} to 1.1 in ${label}`);
    } else lines.push('proxy_http_version 1.1;');
  }
  if (r.connection.toLowerCase() === 'close') {
    const { node, map } = route.connection;
    if (map) {
      const change = mapEntryFix(analysis, map);
      if (!change) return undefined;
      edits.push(change.edit);
      changes.push(change.title);
    } else if (node && isOwn(location, node)) {
      const [name, value] = node.directive.args;
      // Without a value (nginx refuses that anyway) the empty one goes after the name.
      edits.push(value ? replaceToken(analysis, node.file, value, '""') : replaceToken(analysis, node.file, name, `${name.raw} ""`));
      changes.push(`change proxy_set_header Connection${value ? ` ${quoteToken(value.raw)}` : ''} to "" in ${label}`);
    } else {
      // A level's first proxy_set_header stops the inherited ones: carry them along, rebuilt from
      // their tokens, and only those nginx accepts (a broken one would break this level too).
      if (!(location.children ?? []).some((c) => c.directive.name.value === 'proxy_set_header')) {
        for (const inherited of inheritedHeaders(route.scopes, location)) {
          if (inherited.directive.args[0]?.value.toLowerCase() === 'connection') continue;
          const line = wellFormed(inherited.directive, 2);
          if (line) lines.push(line);
        }
      }
      lines.push('proxy_set_header Connection "";');
    }
  }
  if (lines.length > 0) {
    // Next to the proxy_pass when the location holds it as written; else at the top of the location.
    const direct = route.node.file === location.file && location.directive.block.children.includes(route.node.directive);
    edits.push(insertInBlock(analysis, location.file, location.directive, lines, direct ? route.node.directive : undefined));
    const what = lines.length === 1 ? lines[0].replace(/;$/, '') : `${lines.length} directives`;
    changes.unshift(`add ${what} to ${label}`);
  }
  const title = changes.join('; ');
  return { title: title.charAt(0).toUpperCase() + title.slice(1), isPreferred: true, edits };
}

function enclosingLocation(route: ProxyRoute): ConfigNode | undefined {
  for (let i = route.scopes.length - 1; i >= 0; i--) if (route.scopes[i].directive.name.value === 'location') return route.scopes[i];
  return undefined;
}

/** Set by the location itself (also through an include in it), not inherited. */
function isOwn(location: ConfigNode, node: ConfigNode): boolean {
  return location.children?.includes(node) ?? false;
}

/** The proxy_set_header lines the location inherits: the closest outer level's that has any. */
function inheritedHeaders(scopes: ConfigNode[], location: ConfigNode): ConfigNode[] {
  for (let i = scopes.indexOf(location) - 1; i >= 0; i--) {
    const headers = scopes[i].children?.filter((c) => c.directive.name.value === 'proxy_set_header') ?? [];
    if (headers.length > 0) return headers;
  }
  return [];
}

/**
 * The WebSocket recipe (`map $http_upgrade $connection_upgrade { default upgrade; '' close; }`)
 * gives plain requests `Connection: close`: its `''` entry must become empty. A Connection ""
 * in the location would break the upgrade, so the map is what changes. A map keyed on anything
 * else gets no fix: what its default means to other requests is not known here.
 */
function mapEntryFix(analysis: Analysis, map: ConfigNode): { edit: TextEdit; title: string } | undefined {
  const variable = quoteToken(map.directive.args[1]?.raw ?? '');
  const entries = map.children ?? [];
  const empty = entries.find((e) => e.directive.name.value === '' && e.directive.name.quote !== undefined);
  if (map.directive.args[0]?.value.toLowerCase() !== '$http_upgrade') return undefined;
  if (empty) {
    const value = empty.directive.args[0];
    if (!value || empty.directive.args.length !== 1) return undefined;
    const quote = empty.directive.name.quote ?? "'";
    return {
      edit: replaceToken(analysis, empty.file, value, quote + quote),
      title: `change the ${quote}${quote} entry of map ${variable} from ${quoteToken(value.raw)} to ${quote}${quote}`,
    };
  }
  if (!map.directive.block) return undefined;
  return { edit: insertInBlock(analysis, map.file, map.directive, ["'' '';"]), title: `add '' '' to map ${variable}` };
}
