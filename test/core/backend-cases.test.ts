// Runs every backend kind's table of endpoint cases (server/src/core/backends/<kind>/cases.ts),
// and keeps the file names each kind claims in step with the folder scan's classification.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { backendKinds } from '../../server/src/core/backends';
import { endpointCaseTables } from '../../server/src/core/backends/allCases';
import type { ExpectedEndpoint } from '../../server/src/core/backends/cases';
import type { BackendEndpoint } from '../../server/src/core/backends/endpoint';
import { companionKind, kindByName } from '../../server/src/node/fileKinds';
import { analyzeFiles, root } from '../support/memoryWorkspace';

test('every backend kind has a table of endpoint cases', () => {
  for (const kind of backendKinds) assert.ok(endpointCaseTables[kind.id]?.length > 0, `${kind.id} has no cases.ts`);
});

test("the folder scan finds each kind's files and companions by the names the kind claims", () => {
  for (const kind of backendKinds) {
    for (const name of kind.fileNames) assert.equal(kindByName(path.join(root, 'a', name)), kind.id, name);
    for (const name of kind.companionNames) assert.equal(kindByName(path.join(root, 'a', name)), companionKind, name);
  }
});

/** The endpoint as far as the case says anything about it. */
function seen(endpoint: BackendEndpoint, expected: ExpectedEndpoint, files: Record<string, string>): ExpectedEndpoint {
  const { idle } = endpoint;
  const actual: ExpectedEndpoint = {
    idle: idle.ms ?? (idle.never ? 'never' : 'unknown'),
    label: endpoint.label,
    port: endpoint.port,
    protocol: endpoint.protocol,
    keepsAlive: endpoint.keepsAlive,
    origin: idle.origin,
    setting: idle.setting,
    description: idle.description,
    unknown: idle.unknown,
    assumed: idle.assumed && `${idle.assumed.versions}, ${idle.assumed.source}`,
    underlined: files[path.relative(root, idle.path)]?.slice(idle.span.start, idle.span.end),
    socket: endpoint.socket,
    ...requestLimitSeen(endpoint, expected, files),
  };
  return Object.fromEntries(
    Object.keys(expected).map((key) => [key, actual[key as keyof ExpectedEndpoint]]),
  ) as unknown as ExpectedEndpoint;
}

/** The request limit's fields (php-fpm's request_terminate_timeout); notes as far as the case names their words. */
function requestLimitSeen(endpoint: BackendEndpoint, expected: ExpectedEndpoint, files: Record<string, string>): Partial<ExpectedEndpoint> {
  const limit = endpoint.requestLimit;
  if (!limit) return {};
  const messages = limit.notes.map((n) => n.message).join('\n');
  return {
    requestLimit: limit.ms ?? (limit.never ? 'never' : 'unknown'),
    requestLimitDescription: limit.description,
    requestLimitUnderlined: files[path.relative(root, limit.path)]?.slice(limit.span.start, limit.span.end),
    requestLimitNotes: expected.requestLimitNotes?.filter((words) => messages.includes(words)),
  };
}

for (const kind of backendKinds) {
  describe(`backend ${kind.id}`, () => {
    for (const endpointCase of endpointCaseTables[kind.id] ?? []) {
      test(endpointCase.name, () => {
        const { analysis, internalErrors } = analyzeFiles(endpointCase.files);
        assert.deepEqual(internalErrors, []);
        const endpoints = analysis.endpoints.filter((e) => e.kind === kind.id);
        assert.equal(endpoints.length, endpointCase.endpoints.length, 'endpoints read');
        endpointCase.endpoints.forEach((expected, i) => assert.deepEqual(seen(endpoints[i], expected, endpointCase.files), expected));
      });
    }
  });
}
