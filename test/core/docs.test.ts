import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { expectedDocs } from '../../server/src/tools/writeDocs';
import { allChecks } from '../../server/src/core/checks';

test('docs/checks pages match the checks (npm run build writes them)', () => {
  for (const [file, text] of expectedDocs()) assert.equal(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '(missing)', text, file);
});

test('every check has an id, a one-line description and all four docs sections', () => {
  const ids = new Set<string>();
  for (const check of allChecks) {
    assert.match(check.id, /^[a-z]+(-[a-z]+)*$/);
    assert.ok(!ids.has(check.id), `duplicate id ${check.id}`);
    ids.add(check.id);
    assert.ok(check.description.length > 10 && !check.description.includes('\n'), check.id);
    for (const part of ['finds', 'why', 'example', 'fix'] as const) assert.ok(check.docs[part].length > 20, `${check.id} docs.${part}`);
  }
});
