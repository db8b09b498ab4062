// Generated workspaces shaped like a company's config repository: one nginx.conf that includes
// conf.d/*.conf, shared snippets included from every location, upstreams with keep-alive caches,
// and one Tomcat per upstream on a matching port, a quarter of them racing. The nginx part loads in
// the real nginx (`nginx -T -p ROOT/nginx/ -c ROOT/nginx/nginx.conf`), so the same tree serves the
// parser comparison, the cold and the incremental benchmarks, and the lead's profiling.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface GeneratedTomcat {
  index: number;
  serverXml: string;
  port: number;
  /** keepAliveTimeout in ms as written; racing when not above the upstream's keepalive_timeout. */
  keepAliveTimeoutMs: number;
}

export interface GeneratedUpstream {
  name: string;
  /** The conf.d file holding only this upstream. */
  file: string;
  keepaliveTimeoutSeconds: number;
  tomcat: GeneratedTomcat;
  racing: boolean;
}

export interface GeneratedWorkspace {
  root: string;
  nginxRoot: string;
  mainConf: string;
  /** Included from every proxying location of every site. */
  proxySnippet: string;
  siteFiles: string[];
  upstreams: GeneratedUpstream[];
  /** nginx files written (nginx.conf, snippets, upstream and site files). */
  nginxFileCount: number;
  nginxBytes: number;
}

const snippetCount = 3;
/** The upstream keepalive_timeout of every generated upstream; Tomcats race when at or below it. */
export const upstreamKeepaliveSeconds = 60;
export const racingTomcatMs = 20_000;
export const safeTomcatMs = 90_000;

/** One Tomcat (and upstream) per 100 nginx files, at least 2 and at most 200: dozens at company scale. */
export function tomcatCountFor(nginxFiles: number): number {
  return Math.min(200, Math.max(2, Math.round(nginxFiles / 100)));
}

/** Every fourth upstream races its Tomcat. */
export function isRacing(index: number): boolean {
  return index % 4 === 1;
}

/** Writes a workspace of `nginxFiles` nginx files (at least 10) under a new folder in os.tmpdir(). */
export function generateWorkspace(nginxFiles: number, parent = os.tmpdir()): GeneratedWorkspace {
  if (nginxFiles < 10) throw new Error(`generateWorkspace: need at least 10 nginx files, got ${nginxFiles}`);
  const root = fs.mkdtempSync(path.join(parent, `timeout-chain-bench-${nginxFiles}-`));
  const nginxRoot = path.join(root, 'nginx');
  let nginxBytes = 0;
  const write = (file: string, text: string, isNginx = true) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    if (isNginx) nginxBytes += Buffer.byteLength(text);
  };
  const tomcatCount = tomcatCountFor(nginxFiles);
  const siteCount = nginxFiles - 1 - snippetCount - tomcatCount;
  const mainConf = path.join(nginxRoot, 'nginx.conf');
  write(mainConf, mainConfText());
  const proxySnippet = path.join(nginxRoot, 'snippets', 'proxy.conf');
  write(proxySnippet, proxySnippetText);
  write(path.join(nginxRoot, 'snippets', 'security-headers.conf'), securityHeadersText);
  write(path.join(nginxRoot, 'snippets', 'static.conf'), staticSnippetText);
  const upstreams: GeneratedUpstream[] = [];
  for (let i = 0; i < tomcatCount; i++) {
    const racing = isRacing(i);
    const tomcat: GeneratedTomcat = {
      index: i,
      serverXml: path.join(root, 'tomcat', appName(i), 'conf', 'server.xml'),
      port: tomcatPort(i),
      keepAliveTimeoutMs: racing ? racingTomcatMs : safeTomcatMs,
    };
    write(tomcat.serverXml, serverXmlText(tomcat), false);
    // A third of the Tomcats take connectionTimeout from catalina.properties, as many deployments do.
    if (i % 3 === 0)
      write(path.join(path.dirname(tomcat.serverXml), 'catalina.properties'), `http.connectionTimeout=20000\nhttp.maxThreads=200\n`, false);
    const upstream: GeneratedUpstream = {
      name: upstreamName(i),
      file: path.join(nginxRoot, 'conf.d', `upstream-${appName(i)}.conf`),
      keepaliveTimeoutSeconds: upstreamKeepaliveSeconds,
      tomcat,
      racing,
    };
    write(upstream.file, upstreamText(upstream));
    upstreams.push(upstream);
  }
  const siteFiles: string[] = [];
  for (let i = 0; i < siteCount; i++) {
    const file = path.join(nginxRoot, 'conf.d', `site-${String(i).padStart(5, '0')}.conf`);
    write(file, siteText(i, tomcatCount, true));
    siteFiles.push(file);
  }
  return { root, nginxRoot, mainConf, proxySnippet, siteFiles, upstreams, nginxFileCount: nginxFiles, nginxBytes };
}

/** A workspace whose nginx part is about `bytes` long (for the comparison with nginx -T). */
export function generateWorkspaceOfSize(bytes: number, parent = os.tmpdir()): GeneratedWorkspace {
  const perFile = Buffer.byteLength(siteText(1, 10, true));
  return generateWorkspace(Math.max(10, Math.round(bytes / perFile)), parent);
}

/** One self-contained nginx.conf of about `bytes` (snippets inlined) that nginx loads on its own. */
export function generateSingleFile(bytes: number): string {
  const tomcats = 50;
  const parts = [mainHeader];
  for (let i = 0; i < tomcats; i++)
    parts.push(
      indent(upstreamText({ name: upstreamName(i), keepaliveTimeoutSeconds: upstreamKeepaliveSeconds, tomcat: { port: tomcatPort(i) } })),
    );
  let size = parts.reduce((n, p) => n + p.length, 0);
  for (let i = 0; size < bytes; i++) {
    const site = indent(siteText(i, tomcats, false));
    parts.push(site);
    size += site.length;
  }
  parts.push('}\n');
  return parts.join('');
}

export function removeWorkspace(workspace: { root: string }): void {
  fs.rmSync(workspace.root, { recursive: true, force: true });
}

export function appName(i: number): string {
  return `app-${String(i).padStart(3, '0')}`;
}

function upstreamName(i: number): string {
  return `app_${String(i).padStart(3, '0')}`;
}

function tomcatPort(i: number): number {
  return 9000 + i;
}

function indent(text: string): string {
  return text.replace(/^(?=.)/gm, '    ');
}

// Paths are relative to the prefix (-p) so that nginx -T works as root without touching /etc or /var.
const mainHeader = `# Generated by bench/generate.ts
worker_processes auto;
pid nginx.pid;
error_log error.log warn;

events {
    worker_connections 4096;
}

http {
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65s;
    server_names_hash_max_size 65536;
    server_names_hash_bucket_size 128;
    client_body_temp_path tmp;
    proxy_temp_path tmp;
    fastcgi_temp_path tmp;
    uwsgi_temp_path tmp;
    scgi_temp_path tmp;
    log_format main '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer"';
`;

function mainConfText(): string {
  return `${mainHeader}    include conf.d/*.conf;\n}\n`;
}

const proxySnippetText = `# Shared by every proxying location: HTTP/1.1 and an empty Connection header keep upstream connections alive.
proxy_http_version 1.1;
proxy_set_header Connection "";
proxy_set_header Host $host;
proxy_set_header X-Real-IP $remote_addr;
proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
proxy_set_header X-Forwarded-Proto $scheme;
proxy_connect_timeout 5s;
proxy_read_timeout 60s;
proxy_send_timeout 60s;
proxy_buffering on;
proxy_buffers 16 16k;
`;

const securityHeadersText = `add_header X-Frame-Options SAMEORIGIN always;
add_header X-Content-Type-Options nosniff always;
add_header Referrer-Policy strict-origin-when-cross-origin always;
`;

const staticSnippetText = `expires 7d;
add_header Cache-Control "public, max-age=604800";
try_files $uri =404;
`;

function upstreamText(u: { name: string; keepaliveTimeoutSeconds: number; tomcat: { port: number } }): string {
  return `upstream ${u.name} {
    zone ${u.name} 64k;
    server 127.0.0.1:${u.tomcat.port} max_fails=3 fail_timeout=10s;
    keepalive 32;
    keepalive_requests 1000;
    keepalive_timeout ${u.keepaliveTimeoutSeconds}s;
}
`;
}

function serverXmlText(t: GeneratedTomcat): string {
  const connectionTimeout = t.index % 3 === 0 ? '${http.connectionTimeout}' : '20000';
  return `<?xml version="1.0" encoding="UTF-8"?>
<Server port="-1" shutdown="SHUTDOWN">
  <Listener className="org.apache.catalina.startup.VersionLoggerListener" />
  <Service name="Catalina">
    <Connector port="${t.port}" protocol="HTTP/1.1"
               connectionTimeout="${connectionTimeout}"
               keepAliveTimeout="${t.keepAliveTimeoutMs}"
               maxKeepAliveRequests="1000"
               redirectPort="8443" />
    <Connector port="${t.port + 1000}" protocol="AJP/1.3" secretRequired="false" />
    <Engine name="Catalina" defaultHost="localhost">
      <Host name="localhost" appBase="webapps" unpackWARs="true" autoDeploy="false" />
    </Engine>
  </Service>
</Server>
`;
}

/** A server block with static, app and API locations; `viaSnippets` false inlines the snippets. */
function siteText(i: number, upstreamCount: number, viaSnippets: boolean): string {
  const app = upstreamName(i % upstreamCount);
  const api = upstreamName((i * 7 + 3) % upstreamCount);
  const proxy = viaSnippets ? 'include snippets/proxy.conf;\n' : proxySnippetText.replace(/^#.*\n/, '');
  const headers = viaSnippets ? 'include snippets/security-headers.conf;\n' : securityHeadersText;
  const statics = viaSnippets ? 'include snippets/static.conf;\n' : staticSnippetText;
  const at = (depth: number, text: string) => text.replace(/^(?=.)/gm, ' '.repeat(depth * 4));
  return `# site ${i}: www and api of shop ${i}
server {
    listen 80;
    server_name shop-${i}.example.com www.shop-${i}.example.com;
    root /srv/www/shop-${i}/public;
    client_max_body_size 20m;
${at(1, headers)}
    location / {
${at(2, proxy)}        proxy_pass http://${app};
    }

    location /api/ {
${at(2, proxy)}        proxy_next_upstream error timeout;
        proxy_pass http://${api};
    }

    location ~* \\.(?:css|js|png|jpe?g|gif|svg|woff2?)$ {
${at(2, statics)}    }

    location = /healthz {
        access_log off;
        return 200 "ok\\n";
    }
}
`;
}
