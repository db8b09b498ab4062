// The race picture: well-formed SVG that says, in shapes and in words, what the capture showed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLValidator } from 'fast-xml-parser';
import { racePicture, svgDataUri } from '../../server/src/core/pictures/race';

const labels = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

test('a racing pair: the FIN at the backend timeout crosses the POST, RST, 502; nginx would close later', () => {
  const { svg, text } = racePicture({ serverName: 'Tomcat', nginxMs: 60_000, backendMs: 7_000, outcome: 'non-idempotent-fails' });
  assert.equal(XMLValidator.validate(svg), true);
  assert.deepEqual(
    labels(svg).filter((l) => /FIN|POST|RST|502|idle|would close/.test(l)),
    ['idle 7s', 'FIN at 7s', 'POST', 'RST', '502', 'nginx would close at 60s'],
  );
  assert.match(svg, /role="img" aria-label="After the last response/);
  assert.equal(
    text,
    'After the last response the connection idles. Tomcat closes it after 7s while nginx keeps it 60s: its FIN crosses the POST nginx sends on it, Tomcat answers RST, and nginx returns 502 Bad Gateway.',
  );
});

test('a race nginx retries every request of: the retry on a new connection, no 502', () => {
  const { svg, text } = racePicture({ serverName: 'Node.js', nginxMs: 60_000, backendMs: 6_000, outcome: 'retried' });
  assert.ok(labels(svg).includes('retried on a new connection'));
  assert.ok(!labels(svg).includes('502'));
  assert.match(text, /nginx retries the request on a new connection\.$/);
});

test('every request racing (proxy_next_upstream off): a GET gets 502; a tie says nginx would close then too', () => {
  const { svg } = racePicture({ serverName: 'Tomcat', nginxMs: 60_000, backendMs: 60_000, outcome: 'all-fail' });
  assert.ok(labels(svg).includes('GET'));
  assert.ok(labels(svg).includes('nginx would close at 60s too'));
});

test('a safe pair: nginx closes first, the backend timer never fires, nothing crosses', () => {
  const { svg, text } = racePicture({ serverName: 'Tomcat', nginxMs: 60_000, backendMs: 90_000 });
  assert.equal(XMLValidator.validate(svg), true);
  assert.deepEqual(
    labels(svg).filter((l) => /close|idle|RST|502|connection/.test(l)),
    ['idle 60s', 'nginx closes at 60s', 'next request: new connection', 'Tomcat would close at 90s'],
  );
  assert.match(text, /nginx closes it after 60s, before Tomcat would at 90s/);
});

test('nginx before 1.15.3 keeps connections until the server closes them: the server always closes first', () => {
  const { text } = racePicture({ serverName: 'Tomcat', nginxMs: null, backendMs: 20_000, outcome: 'non-idempotent-fails' });
  assert.match(text, /Tomcat closes it after 20s while nginx keeps it until the server closes/);
});

test('names from the workspace are escaped; the data URI decodes to the same SVG', () => {
  const { svg } = racePicture({ serverName: 'A<&>"B', nginxMs: 1_000, backendMs: 500, outcome: 'all-fail' });
  assert.equal(XMLValidator.validate(svg), true);
  assert.ok(svg.includes('A&lt;&amp;&gt;&quot;B'));
  const uri = svgDataUri(svg);
  assert.ok(uri.startsWith('data:image/svg+xml;base64,'));
  assert.equal(Buffer.from(uri.slice(uri.indexOf(',') + 1), 'base64').toString('utf8'), svg);
});

test('events stay inside the picture whatever the timeouts', () => {
  for (const [nginxMs, backendMs] of [
    [1, 3_600_000],
    [3_600_000, 1],
    [0, 0],
    [60_000, 59_999],
  ]) {
    for (const outcome of [undefined, 'all-fail' as const]) {
      const { svg } = racePicture({ serverName: 'Tomcat', nginxMs, backendMs, outcome });
      const xs = [...svg.matchAll(/ x[12]?="(-?[\d.]+)"/g)].map((m) => Number(m[1]));
      assert.ok(
        xs.every((x) => x >= 0 && x <= 640),
        `${nginxMs}/${backendMs}/${outcome}: ${Math.min(...xs)}..${Math.max(...xs)}`,
      );
    }
  }
});
