// Runs every check's table of valid and invalid cases (server/src/core/checks/<id>/cases.ts).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { allChecks } from '../../server/src/core/checks';
import { caseTables } from '../../server/src/core/checks/allCases';
import type { Finding, Fix } from '../../server/src/core/types';
import { analyzeFiles, applyEdits, root } from '../support/memoryWorkspace';
import { LineIndex } from '../../server/src/core/text';

function underlined(files: Record<string, string>, finding: Finding): string {
  const text = files[path.relative(root, finding.location.file)];
  const lines = new LineIndex(text);
  return text.slice(lines.offsetAt(finding.location.range.start), lines.offsetAt(finding.location.range.end));
}

function describeFinding(f: Finding): string {
  return `${path.relative(root, f.location.file)}:${f.location.range.start.line + 1} ${f.message}`;
}

test('every check has a case table with valid and invalid cases', () => {
  for (const check of allChecks) {
    const table = caseTables[check.id];
    assert.ok(table, `${check.id} has no cases.ts`);
    assert.ok(table.valid.length > 0 && table.invalid.length > 0, `${check.id} needs valid and invalid cases`);
  }
});

for (const check of allChecks) {
  const table = caseTables[check.id];
  if (!table) continue;
  describe(`check ${check.id}`, () => {
    for (const valid of table.valid) {
      test(`valid: ${valid.name}`, () => {
        const result = analyzeFiles(valid.files, valid.settings);
        assert.deepEqual(result.internalErrors, []);
        const own = result.findings.filter((f) => f.code === check.id);
        assert.deepEqual(own.map(describeFinding), []);
      });
    }
    for (const invalid of table.invalid) {
      test(`invalid: ${invalid.name}`, () => {
        const result = analyzeFiles(invalid.files, invalid.settings);
        assert.deepEqual(result.internalErrors, []);
        const own = result.findings.filter((f) => f.code === check.id);
        assert.equal(own.length, invalid.findings.length, `findings: ${own.map(describeFinding).join('\n')}`);
        invalid.findings.forEach((expected, i) => {
          const actual = own[i];
          assert.equal(path.relative(root, actual.location.file), expected.file);
          assert.equal(actual.location.range.start.line + 1, expected.line, describeFinding(actual));
          assert.equal(underlined(invalid.files, actual), expected.text);
          if (expected.severity) assert.equal(actual.severity, expected.severity);
          for (const word of expected.message ?? []) assert.ok(actual.message.includes(word), `"${actual.message}" lacks "${word}"`);
          for (const word of expected.related ?? [])
            assert.ok(
              actual.related.some((r) => r.message.includes(word)),
              `no related information says "${word}": ${actual.related.map((r) => r.message).join(' | ')}`,
            );
          if (expected.relatedFiles)
            assert.deepEqual(
              actual.related.map((r) => path.relative(root, r.location.file)),
              expected.relatedFiles,
            );
          if (expected.fixes)
            assert.deepEqual(
              actual.fixes.map((f) => f.title),
              expected.fixes,
            );
        });
        if (invalid.fixed) {
          const fix = own[0].fixes.find((f) => f.isPreferred) ?? own[0].fixes[0];
          const files = applyFix(invalid.files, fix);
          for (const [file, text] of Object.entries(invalid.fixed)) assert.equal(files[file], text, `${file} after "${fix.title}"`);
          const after = analyzeFiles(files, invalid.settings).findings.filter((f) => f.code === check.id);
          assert.deepEqual(after.map(describeFinding), [], 'the fix leaves no finding of this check');
        }
      });
    }
    test('a case that pins a fix pins every fix of its first finding, each to its text', () => {
      for (const invalid of table.invalid) {
        if (!invalid.fixed && !invalid.fixedBy) continue;
        const [first] = analyzeFiles(invalid.files, invalid.settings).findings.filter((f) => f.code === check.id);
        const preferred = first.fixes.find((f) => f.isPreferred) ?? first.fixes[0];
        const pinned = [...(invalid.fixed ? [preferred.title] : []), ...Object.keys(invalid.fixedBy ?? {})];
        assert.deepEqual(new Set(pinned), new Set(first.fixes.map((f) => f.title)), `${invalid.name}: fixes pinned`);
        for (const [title, expected] of Object.entries(invalid.fixedBy ?? {})) {
          const fix = first.fixes.find((f) => f.title === title)!;
          const files = applyFix(invalid.files, fix);
          for (const [file, text] of Object.entries(expected)) assert.equal(files[file], text, `${invalid.name}: ${file} after "${title}"`);
          for (const file of Object.keys(files))
            if (!(file in expected)) assert.equal(files[file], invalid.files[file], `${invalid.name}: "${title}" leaves ${file} alone`);
        }
      }
    });
    test('each fix of each invalid case removes its finding', () => {
      for (const invalid of table.invalid) {
        const own = analyzeFiles(invalid.files, invalid.settings).findings.filter((f) => f.code === check.id);
        for (const finding of own) {
          for (const fix of finding.fixes) {
            const files = applyFix(invalid.files, fix);
            const after = analyzeFiles(files, invalid.settings).findings.filter((f) => f.code === check.id);
            assert.ok(after.length < own.length, `${invalid.name}: "${fix.title}" leaves ${after.map(describeFinding).join('; ')}`);
          }
        }
      }
    });
  });
}

/** The files after `fix`: those it creates start empty (and must not exist), those it edits must. */
function applyFix(before: Record<string, string>, fix: Fix): Record<string, string> {
  const files = { ...before };
  for (const created of fix.createsFiles ?? []) {
    const file = path.relative(root, created);
    assert.equal(files[file], undefined, `"${fix.title}" creates ${file}, which exists`);
    files[file] = '';
  }
  for (const [file, edits] of groupEdits(fix.edits)) {
    assert.ok(file in files, `"${fix.title}" edits ${file}, which does not exist`);
    files[file] = applyEdits(files[file], edits);
  }
  return files;
}

function groupEdits(edits: Finding['fixes'][number]['edits']): Map<string, typeof edits> {
  const groups = new Map<string, typeof edits>();
  for (const edit of edits) {
    const file = path.relative(root, edit.file);
    groups.set(file, [...(groups.get(file) ?? []), edit]);
  }
  return groups;
}
