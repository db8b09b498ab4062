// Fixtures from the real-world corpus (../shared/corpus, read in place, never copied into the
// repository): its nginx configs, wrapped the way its verdicts say nginx loaded them, next to a
// generated server.xml with a Connector on each upstream port; and its server.xml files next to a
// generated nginx.conf proxying to each of their connectors.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultSettings } from '../../server/src/core/settings';
import { parseServerXml } from '../../server/src/core/backends/tomcat/serverXml';
import { defaultSettingsWith, readCorpusText, type Fixture } from './fixtures';
import { Workspace } from '../../server/src/core/workspace';
import { abs, memoryHost, root } from '../support/memoryWorkspace';

const wraps: Record<string, (text: string) => string> = {
  main: (text) => text,
  http: (text) => `events {}\nhttp {\n${text}\n}\n`,
  server: (text) => `events {}\nhttp {\nserver {\n${text}\n}\n}\n`,
};

/** Connector styles for the generated server.xml, taken in turn so that the raise edits differ. */
const connectorStyles = [
  (port: number) => `<Connector port="${port}" protocol="HTTP/1.1" connectionTimeout="5000" redirectPort="8443" />`,
  (port: number) => `<Connector port="${port}"\n               connectionTimeout="20000"\n               redirectPort="8443" />`,
  (port: number) => `<Connector port="${port}" keepAliveTimeout="15000"/>`,
  (port: number) => `<Connector port="${port}" connectionTimeout="\${corpus.timeout}" />`,
];

export function corpusFixtures(corpus: string): Fixture[] {
  const csv = path.join(corpus, 'nginx-verdicts.csv');
  if (!fs.existsSync(csv))
    throw new Error(
      `the corpus is missing: ${csv} does not exist (the referee reads ../shared/corpus beside the repository, or TIMEOUT_CHAIN_CORPUS)`,
    );
  const fixtures: Fixture[] = [];
  const rows = fs.readFileSync(csv, 'utf8').split(/\r?\n/).slice(1).filter(Boolean);
  let style = 0;
  for (const row of rows) {
    const file = row.slice(0, row.indexOf(','));
    const verdict = row.split(',')[1];
    const wrap = wraps[row.slice(row.lastIndexOf(',') + 1)];
    if (!wrap || !verdict.startsWith('accepted')) continue;
    const conf = wrap(readCorpusText(corpus, file));
    const ports = upstreamPorts(conf);
    if (ports.length === 0) continue;
    const connectors = ports.map((port) => connectorStyles[style++ % connectorStyles.length](port));
    const files = {
      'nginx/nginx.conf': conf,
      'tomcat/conf/server.xml': `<?xml version="1.0" encoding="UTF-8"?>\n<Server port="-1" shutdown="SHUTDOWN">\n  <Service name="Catalina">\n    ${connectors.join('\n    ')}\n  </Service>\n</Server>\n`,
      'tomcat/conf/catalina.properties': 'corpus.timeout=7000\n',
    };
    // Newest defaults reuse connections (races); before 1.29.7 the corpus's own settings decide (lost keep-alive).
    fixtures.push({ name: `corpus ${file}`, source: 'corpus', files, settings: defaultSettings });
    fixtures.push({ name: `corpus ${file} (nginx 1.24.0)`, source: 'corpus', files, settings: defaultSettingsWith({}, '1.24.0') });
  }
  fixtures.push(...tomcatCorpusFixtures(corpus));
  return fixtures;
}

/** Ports of the upstream servers of an nginx config, as the product reads them. */
function upstreamPorts(conf: string): number[] {
  const texts = new Map([[abs('nginx/nginx.conf'), conf]]);
  const workspace = new Workspace(root, memoryHost(texts), defaultSettings);
  workspace.setFile(abs('nginx/nginx.conf'), 'nginx', conf);
  const ports = new Set<number>();
  for (const config of workspace.analyze().analysis.configs) {
    for (const upstream of config.http.upstreams.values())
      for (const server of upstream.servers) if (server.port !== undefined) ports.add(server.port);
  }
  return [...ports];
}

/** The corpus's well-formed server.xml files, each proxied to by a generated nginx.conf. */
function tomcatCorpusFixtures(corpus: string): Fixture[] {
  const manifest = path.join(corpus, 'tomcat-manifest.csv');
  const fixtures: Fixture[] = [];
  for (const row of fs.readFileSync(manifest, 'utf8').split(/\r?\n/).slice(1).filter(Boolean)) {
    const file = row.slice(0, row.indexOf(','));
    const xml = readCorpusText(corpus, file);
    const connectors = parseServerXml(abs('tomcat/conf/server.xml'), xml).connectors.filter(
      (c) => !/ajp/i.test(c.attributes.get('protocol')?.value ?? ''),
    );
    const ports = [...new Set(connectors.map((c) => Number(c.attributes.get('port')?.value)).filter((p) => Number.isInteger(p)))];
    if (ports.length === 0) continue;
    const upstreams = ports
      .map(
        (port, i) =>
          `    upstream t${i} {\n        server tomcat-${i}:${port};\n        keepalive 8;\n        keepalive_timeout ${i % 2 === 0 ? '60s' : '2h'};\n    }`,
      )
      .join('\n');
    const locations = ports.map((_, i) => `        location /t${i}/ {\n            proxy_pass http://t${i};\n        }`).join('\n');
    const conf = `events {}\nhttp {\n${upstreams}\n    server {\n        listen 127.0.0.1:8000;\n${locations}\n    }\n}\n`;
    fixtures.push({
      name: `corpus ${file}`,
      source: 'corpus',
      files: { 'nginx/nginx.conf': conf, 'tomcat/conf/server.xml': xml },
      settings: defaultSettings,
    });
  }
  return fixtures;
}
