// The real Tomcat 10 as referee: one JVM reads every Connector of every fixture, before and after
// its fix, and what it logs about each is compared. Tomcat starts even when it refuses an
// attribute (an int out of range: "Match [Server/Service/Connector] failed to set property"), so
// the log, not the exit status, is the verdict.
//
// Each distinct Connector gets a <Service> of its own, carrying an attribute Tomcat does not know
// (`refereeMarker="N"`): the digester warns about it first, so every later line up to the next
// marker is about Connector N. Ports become 0 (Tomcat picks a free port, docs config/http.html
// "port"), addresses 127.0.0.1, and ${name} values read from the fixture's catalina.properties are
// renamed `p<N>.name` in the CATALINA_BASE's catalina.properties (Tomcat makes them system
// properties, which IntrospectionUtils.replaceProperties resolves).
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseServerXml, type TomcatConnector } from '../../server/src/core/backends/tomcat/serverXml';
import { parseProperties, type PropertiesFile } from '../../server/src/core/backends/javaProperties';
import type { Files } from './fixtures';

export const catalinaHome = '/usr/share/tomcat10';

interface Service {
  id: number;
  xml: string;
  properties: string[];
}

export class TomcatBatch {
  private readonly services: Service[] = [];
  private readonly byKey = new Map<string, number>();

  get connectorCount(): number {
    return this.services.length;
  }

  /** Registers the HTTP connectors of a workspace's server.xml files; returns their ids. */
  add(files: Files): number[] {
    const ids: number[] = [];
    for (const [rel, text] of Object.entries(files)) {
      if (!rel.endsWith('server.xml')) continue;
      const propertiesRel = path.posix.join(path.posix.dirname(rel), 'catalina.properties');
      const properties = files[propertiesRel] === undefined ? undefined : parseProperties(propertiesRel, files[propertiesRel]);
      const parsed = parseServerXml(rel, text);
      if (parsed.problems.some((p) => p.severity === 'error'))
        throw new Error(`${rel} is not well-formed: the referee cannot give it to Tomcat`);
      const executors = (text.match(/<Executor\b[^>]*\/>/g) ?? []).join('\n    ');
      for (const connector of parsed.connectors) {
        if (/ajp/i.test(connector.attributes.get('protocol')?.value ?? '')) continue;
        ids.push(this.register(neutralised(text, connector), executors, properties));
      }
    }
    return ids;
  }

  private register(element: string, executors: string, properties: PropertiesFile | undefined): number {
    const used: string[] = [];
    const renamed = element.replace(/\$\{([^}]+)\}/g, (match, body: string) => {
      const at = body.indexOf(':-');
      const name = at < 0 ? body : body.slice(0, at);
      const entry = properties?.entries.get(name);
      if (!entry) return match;
      used.push(`${name}=${properties!.text.slice(entry.valueSpan.start, entry.valueSpan.end)}`);
      return `\${p#.${body}}`;
    });
    const key = JSON.stringify([renamed, executors, used]);
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    const id = this.services.length + 1;
    this.byKey.set(key, id);
    const xml = `  <Service name="r${id}" refereeMarker="${id}">\n    ${executors}\n    ${renamed.replaceAll('${p#.', `\${p${id}.`)}\n  </Service>`;
    this.services.push({ id, xml, properties: used.map((line) => `p${id}.${line}`) });
    return id;
  }

  /** Starts Tomcat on all registered connectors, stops it, and returns what it logged about each. */
  async run(baseDir: string): Promise<{ byConnector: Map<number, string[]>; global: string[]; log: string }> {
    fs.mkdirSync(baseDir, { recursive: true });
    for (const dir of ['conf', 'logs', 'temp', 'work', 'webapps']) fs.mkdirSync(path.join(baseDir, dir), { recursive: true });
    const server = `<?xml version="1.0" encoding="UTF-8"?>\n<Server port="-1" shutdown="SHUTDOWN">\n${this.services.map((s) => s.xml).join('\n')}\n</Server>\n`;
    fs.writeFileSync(path.join(baseDir, 'conf', 'server.xml'), server);
    const loader =
      'common.loader="${catalina.base}/lib","${catalina.base}/lib/*.jar","${catalina.home}/lib","${catalina.home}/lib/*.jar"\nserver.loader=\nshared.loader=\n';
    fs.writeFileSync(
      path.join(baseDir, 'conf', 'catalina.properties'),
      loader + this.services.flatMap((s) => s.properties).join('\n') + '\n',
    );
    fs.writeFileSync(
      path.join(baseDir, 'conf', 'logging.properties'),
      'handlers = java.util.logging.ConsoleHandler\n.handlers = java.util.logging.ConsoleHandler\njava.util.logging.ConsoleHandler.level = FINE\njava.util.logging.ConsoleHandler.formatter = org.apache.juli.OneLineFormatter\n',
    );
    const log = await runTomcat(baseDir);
    return { ...attribute(log, this.services.length), log };
  }
}

/** The Connector element with port 0 and address 127.0.0.1; its children kept. */
function neutralised(text: string, connector: TomcatConnector): string {
  const start = connector.span.start;
  const selfClosing = text.slice(connector.span.start, connector.span.end).endsWith('/>');
  const close = selfClosing ? -1 : text.indexOf('</Connector>', connector.span.end);
  const end = selfClosing ? connector.span.end : close < 0 ? connector.span.end : close + '</Connector>'.length;
  const edits: { at: number; end: number; text: string }[] = [];
  const port = connector.attributes.get('port');
  if (port) edits.push({ at: port.valueSpan.start, end: port.valueSpan.end, text: '0' });
  else edits.push({ at: connector.tagNameSpan.end, end: connector.tagNameSpan.end, text: ' port="0"' });
  const address = connector.attributes.get('address');
  if (address) edits.push({ at: address.valueSpan.start, end: address.valueSpan.end, text: '127.0.0.1' });
  else edits.push({ at: connector.tagNameSpan.end, end: connector.tagNameSpan.end, text: ' address="127.0.0.1"' });
  let out = text.slice(start, end);
  for (const e of edits.sort((a, b) => b.at - a.at)) out = out.slice(0, e.at - start) + e.text + out.slice(e.end - start);
  return out;
}

let running: ChildProcess | undefined;
/** However this process ends, the Tomcat it started ends with it. */
function killRunning(): void {
  if (running?.pid !== undefined && running.exitCode === null) {
    try {
      process.kill(-running.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
process.on('exit', killRunning);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killRunning();
    process.exit(130);
  });
}

/** `catalina.sh run` (it execs the JVM) in a process group of its own, stopped however the wait ends. */
async function runTomcat(base: string): Promise<string> {
  const child = spawn(path.join(catalinaHome, 'bin', 'catalina.sh'), ['run'], {
    env: { ...process.env, CATALINA_HOME: catalinaHome, CATALINA_BASE: base, CATALINA_TMPDIR: path.join(base, 'temp'), CATALINA_PID: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  running = child;
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const deadline = Date.now() + 120_000;
    while (!/Server startup in|Catalina.start .*failed|Error: /.test(output) && child.exitCode === null && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    if (!/Server startup in/.test(output)) throw new Error(`Tomcat did not start:\n${output.slice(-4000)}`);
  } finally {
    if (child.exitCode === null && child.pid !== undefined) {
      process.kill(-child.pid, 'SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const killed = await Promise.race([
        exited.then(() => true),
        new Promise<boolean>((r) => (timer = setTimeout(() => r(false), 20_000))),
      ]);
      clearTimeout(timer);
      if (!killed) process.kill(-child.pid, 'SIGKILL');
      await exited;
    }
    running = undefined;
  }
  return output;
}

/**
 * Warnings and errors by Connector id: during parsing, by the marker before them; later (init and
 * start), by the `auto-K` name Tomcat gives the K-th port-0 connector. Others are global.
 */
function attribute(log: string, count: number): { byConnector: Map<number, string[]>; global: string[] } {
  const byConnector = new Map<number, string[]>();
  const global: string[] = [];
  const records = log.split(/\r?\n(?=\d{2}-\w{3}-\d{4} )/);
  let current: number | undefined;
  for (const record of records) {
    const marker = /failed to set property \[refereeMarker\] to \[(\d+)\]/.exec(record);
    if (marker) {
      current = Number(marker[1]);
      continue;
    }
    if (/Initializing ProtocolHandler|Server initialization in/.test(record)) current = undefined;
    const level = /^\S+ \S+ (WARNING|SEVERE) /.exec(record);
    if (!level) continue;
    const text = normalise(record);
    const auto = /auto-(\d+)/.exec(record);
    const id = current ?? (auto && Number(auto[1]) <= count ? Number(auto[1]) : undefined);
    if (id === undefined) global.push(text);
    else byConnector.set(id, [...(byConnector.get(id) ?? []), text]);
  }
  return { byConnector, global };
}

function normalise(record: string): string {
  return record
    .split(/\r?\n/)[0]
    .replace(/^\S+ \S+ /, '')
    .replace(/\[[^\]]*\] /, '')
    .replace(/auto-\d+(-\d+)?/g, 'auto')
    .replace(/\bp\d+\./g, 'p.');
}
