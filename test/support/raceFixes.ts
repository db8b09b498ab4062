// The race's preferred fix on the backend side, applied to the files of an in-memory workspace,
// and the check that the files after it race no more: how a backend kind's tests prove a raise.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { analyzeFiles, applyEdits, root } from './memoryWorkspace';

/** nginx reusing connections to `upstream app { server <server>; }` (keepalive, HTTP/1.1, Connection ""), for 60 s by default. */
export function reusingNginx(server: string): string {
  return `events {}
http {
    upstream app {
        server ${server};
        keepalive 16;
    }
    server {
        listen 80;
        location / {
            proxy_pass http://app;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
        }
    }
}
`;
}

/** The preferred fix of the race found outside nginx.conf, applied; the file it edits and the files after it. */
export function raise(files: Record<string, string>): { edited: string; text: string; title: string; after: Record<string, string> } {
  const { findings } = analyzeFiles(files);
  const race = findings.find((f) => f.code === 'keepalive-race' && !f.location.file.endsWith('nginx.conf'));
  assert.ok(race, `a race on the backend side: ${JSON.stringify(findings.map((f) => f.message))}`);
  const fix = race.fixes.find((f) => f.isPreferred);
  assert.ok(fix, 'a preferred fix');
  const edited = path.relative(root, fix.edits[0].file);
  assert.ok(fix.edits.every((e) => e.file === fix.edits[0].file));
  const text = applyEdits(files[edited], fix.edits);
  return { edited, text, title: fix.title, after: { ...files, [edited]: text } };
}

export function assertRaceGone(files: Record<string, string>): void {
  const { findings } = analyzeFiles(files);
  assert.deepEqual(
    findings.filter((f) => f.code === 'keepalive-race').map((f) => f.message),
    [],
  );
}
