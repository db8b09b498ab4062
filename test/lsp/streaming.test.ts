// A large folder's own syntax problems reach the editor while it is read, before the analysis
// that links files ends, and that analysis does not send them again.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TestClient, uri } from '../support/lspClient';

let dir: string;
let client: TestClient;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timeout-chain-streaming-'));
  const confD = path.join(dir, 'nginx/conf.d');
  fs.mkdirSync(confD, { recursive: true });
  fs.writeFileSync(path.join(dir, 'nginx/nginx.conf'), 'events {}\nhttp {\n    include conf.d/*.conf;\n}\n');
  // Enough files that the scan reports progress (every 200 files) after the broken one is read.
  const locations = Array.from(
    { length: 12 },
    (_, l) =>
      `    location /app${l}/ {\n        proxy_set_header Host $host;\n        proxy_read_timeout 30s;\n        return 200;\n    }\n`,
  ).join('');
  for (let i = 0; i < 1500; i++)
    fs.writeFileSync(
      path.join(confD, `site-${String(i).padStart(4, '0')}.conf`),
      `server {\n    listen 80;\n    server_name s${i}.example.com;\n${locations}}\n`,
    );
  fs.writeFileSync(path.join(confD, 'site-0000.conf'), 'server {\n    server_name broken.example.com\n    location / { return 200; }\n');
  client = new TestClient();
  await client.start(dir);
});

after(async () => {
  await client.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('syntax problems are published while the folder is read, once', async () => {
  const broken = uri(path.join(dir, 'nginx/conf.d/site-0000.conf'));
  const ready = await client.waitFor(
    'the analysis',
    () => client.notifications.find((n) => (n.params as { state?: string })?.state === 'ready'),
    30_000,
  );
  const publishes = client.published.filter((p) => p.uri === broken);
  assert.equal(publishes.length, 1, 'published once: the analysis found the same problems and sent nothing');
  const lastScanning = client.notifications.filter((n) => (n.params as { filesRead?: number })?.filesRead !== undefined).at(-1);
  assert.ok(lastScanning, 'the server reports files read while scanning');
  assert.ok(publishes[0].seq < lastScanning.seq && lastScanning.seq < ready.seq, 'published while the folder was still being read');
  const diagnostics = client.diagnostics.get(broken) ?? [];
  assert.ok(diagnostics.length > 0 && diagnostics.every((d) => d.code === 'nginx-syntax'), JSON.stringify(diagnostics));
});
