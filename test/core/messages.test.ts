// Every finding of every check's case table (valid cases too, for what other checks say on them)
// starts with a short sentence, and the keep-alive checks keep their details in related information.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { caseTables } from '../../server/src/core/checks/allCases';
import { analyzeFiles } from '../support/memoryWorkspace';
import { firstSentence, messageFault } from '../support/messages';
import { hostileCases } from '../support/hostileCases';

test('every case table: first sentences of at most 100 characters, details in related information', () => {
  const faults: string[] = [];
  let findings = 0;
  for (const [id, table] of Object.entries(caseTables))
    for (const each of [...(table?.valid ?? []), ...(table?.invalid ?? [])]) {
      for (const finding of analyzeFiles(each.files, each.settings).findings) {
        findings++;
        const fault = messageFault(finding);
        if (fault) faults.push(`${id} / ${each.name}: ${fault}`);
      }
    }
  assert.ok(findings > 100, `the tables gave ${findings} findings`);
  assert.deepEqual(faults, []);
});

test('hostile inputs: the same holds for what they give', () => {
  const faults = hostileCases.flatMap((c) =>
    analyzeFiles(c.files)
      .findings.map(messageFault)
      .filter((f) => f !== undefined)
      .map((f) => `${c.name}: ${f}`),
  );
  assert.deepEqual(faults, []);
});

test('the first sentence ends at the first full stop followed by a space', () => {
  assert.equal(firstSentence('include file not found: /a/b.conf. Relative paths are resolved.'), 'include file not found: /a/b.conf.');
  assert.equal(
    firstSentence('nginx 1.14.2 keeps them until then: POSTs may get 502'),
    'nginx 1.14.2 keeps them until then: POSTs may get 502',
  );
});
