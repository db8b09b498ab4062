// Whatever the deployment files hold, the readers return facts and problems and never throw, and
// every problem's span lies inside its file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { abs, root } from '../support/memoryWorkspace';
import { deploymentFactsOf } from '../../server/src/core/deployment';

const keys = fc.constantFrom(
  'image',
  'ports',
  'expose',
  'volumes',
  'environment',
  'env_file',
  'build',
  'networks',
  'command',
  'network_mode',
  'hostname',
);
const value = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom('8080:80', '127.0.0.1:1-70000:80', '::1:6000:6000', './a:/etc/nginx', '${X:-${Y}}', '$$', '!reset', 'host', '[::1]:x'),
);
const service = fc.dictionary(keys, value, { maxKeys: 6 });
const compose = fc.record({ services: fc.dictionary(fc.constantFrom('a', 'b', 'proxy'), fc.oneof(service, value), { maxKeys: 3 }) });

function check(files: Record<string, string>) {
  const entries = Object.entries(files).map(([p, text]) => ({ path: abs(p), text }));
  const reading = deploymentFactsOf(entries, root);
  for (const { path, problem } of reading.problems) {
    const text = entries.find((e) => e.path === path)?.text ?? '';
    assert.ok(
      problem.span.start >= 0 && problem.span.start <= problem.span.end && problem.span.end <= text.length,
      `${path}: ${problem.message}`,
    );
  }
}

test('random compose models never make the readers throw', () => {
  fc.assert(
    fc.property(compose, compose, (base, override) =>
      check({ 'compose.yaml': stringify(base), 'compose.override.yaml': stringify(override) }),
    ),
    { numRuns: 300 },
  );
});

test('random text as compose, .env and Dockerfile never makes the readers throw', () => {
  const text = fc.string({
    unit: fc.constantFrom('a', ':', ' ', '\n', '-', '$', '{', '}', '"', "'", '\\', '#', '[', ']', '&', '*', '<<', 'FROM ', 'COPY ', '`'),
    maxLength: 80,
  });
  fc.assert(
    fc.property(text, text, text, (yamlText, envText, dockerText) =>
      check({
        'compose.yaml': yamlText,
        '.env': envText,
        Dockerfile: dockerText,
        'compose.prod.yml': `services:\n  a:\n    build: .\n${yamlText}`,
      }),
    ),
    { numRuns: 500 },
  );
});
