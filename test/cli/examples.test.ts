// The bundled examples as the README shows them: each reports its race, and each of its fixes,
// applied as the JSON report gives it, leaves a folder the CLI finds clean.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli, repo } from '../support/cliRun';
import { applyEdits } from '../support/memoryWorkspace';

interface JsonFix {
  title: string;
  isPreferred: boolean;
  edits: {
    file: string;
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    newText: string;
  }[];
}
interface JsonReport {
  findings: { code: string; severity: string; message: string; location: { file: string }; fixes: JsonFix[] }[];
  links: { upstream: string; connector: string; how: string }[];
}

function report(dir: string): JsonReport {
  return JSON.parse(cli('check', dir, '--format', 'json').stdout) as JsonReport;
}

function copyExample(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `timeout-chain-${name}-`));
  fs.cpSync(path.join(repo, 'examples', name), dir, { recursive: true });
  return dir;
}

test('spring-boot-compose: the prod profile compose activates races nginx 1.29.7 default reuse', () => {
  const { status, stdout } = cli('check', 'examples/spring-boot-compose');
  assert.equal(status, 1);
  assert.match(
    stdout,
    /^examples\/spring-boot-compose\/nginx\/default\.conf:3:1: warning \[keepalive-race\] Tomcat closes idle connections after 7s, nginx keeps them 60s: POSTs may get 502$/m,
  );
  assert.match(
    stdout,
    /^examples\/spring-boot-compose\/app\/src\/main\/resources\/application-prod\.yml:5:25: warning \[keepalive-race\] upstream shop keeps idle connections 60s, Tomcat closes them after 7s/m,
  );
  assert.match(stdout, /server\.tomcat\.connection-timeout \(profile prod\)/);
  assert.match(stdout, /nginx reuses these connections by default in nginx 1\.29\.7/);
  assert.match(
    stdout,
    /upstream shop, server shop:8080 -> app\/pom\.xml, Spring Boot Tomcat on port 8080 \(via compose service shop, port 8080\)/,
  );
  assert.match(stdout, /^0 errors, 2 warnings, 0 notes\.$/m);
});

test('php-fpm-compose: the pool php-fpm kills requests in before nginx gives up, linked through compose', () => {
  const { status, stdout } = cli('check', 'examples/php-fpm-compose');
  assert.equal(status, 1);
  assert.match(
    stdout,
    /^examples\/php-fpm-compose\/nginx\/default\.conf:13:22: warning \[fastcgi-timeout\] php-fpm kills requests after 30s, nginx waits 60s: slow requests get 502, not 504$/m,
  );
  assert.match(stdout, /^examples\/php-fpm-compose\/php\/php-fpm\.d\/zz-app\.conf:7:29: warning \[fastcgi-timeout\] /m);
  assert.match(
    stdout,
    /fastcgi_pass php:9000 -> php\/php-fpm\.d\/zz-app\.conf, pool www listening on 9000 .*\(via compose service php, port 9000\)/,
  );
  assert.match(stdout, /^0 errors, 2 warnings, 0 notes\.$/m);
});

test('fastapi-gunicorn-compose: uvicorn workers under gunicorn take its 2s keep-alive, not uvicorn 5s', () => {
  const { status, stdout } = cli('check', 'examples/fastapi-gunicorn-compose');
  assert.equal(status, 1);
  assert.match(
    stdout,
    /^examples\/fastapi-gunicorn-compose\/nginx\/default\.conf:1:1: warning \[keepalive-race\] gunicorn closes idle connections after 2s, nginx keeps them 60s: POSTs may get 502$/m,
  );
  assert.match(stdout, /^examples\/fastapi-gunicorn-compose\/docker-compose\.yml:14:14: warning \[keepalive-race\] /m);
  assert.match(stdout, /uvicorn\.workers\.UvicornWorker, which takes it as uvicorn's timeout_keep_alive/);
  assert.match(
    stdout,
    /upstream api, server api:8000 -> api\/requirements\.txt, gunicorn on port 8000 \(via compose service api, port 8000\)/,
  );
  assert.match(stdout, /^0 errors, 2 warnings, 0 notes\.$/m);
});

test("express-compose: Node.js 20's default 5s keep-alive, closing at 6s, under nginx 1.29.7's default reuse", () => {
  const { status, stdout } = cli('check', 'examples/express-compose');
  assert.equal(status, 1);
  assert.match(
    stdout,
    /^examples\/express-compose\/nginx\/default\.conf:3:1: warning \[keepalive-race\] Node\.js closes idle connections after 6s, nginx keeps them 60s: POSTs may get 502$/m,
  );
  assert.match(stdout, /^examples\/express-compose\/app\/src\/server\.js:11:1: warning \[keepalive-race\] /m);
  assert.match(stdout, /Node\.js 20 \(FROM node:20-alpine in app\/Dockerfile\), closing at 6000 ms/);
  assert.match(
    stdout,
    /upstream app, server app:3000 -> app\/src\/server\.js, Node\.js Express server on port 3000 \(via compose service app, port 3000\)/,
  );
  assert.match(stdout, /^0 errors, 2 warnings, 0 notes\.$/m);
});

for (const example of ['seed-incident', 'spring-boot-compose', 'php-fpm-compose', 'fastapi-gunicorn-compose', 'express-compose']) {
  test(`${example}: each fix, applied, leaves nothing to report`, () => {
    const fixes = report(path.join(repo, 'examples', example)).findings[0]?.fixes ?? [];
    assert.equal(fixes.length, 2, 'the raise and the lowering');
    assert.equal(fixes.filter((f) => f.isPreferred).length, 1);
    for (const fix of fixes) {
      const dir = copyExample(example);
      try {
        const files = new Set(fix.edits.map((e) => e.file));
        for (const file of files) {
          const full = path.join(dir, file);
          fs.writeFileSync(
            full,
            applyEdits(
              fs.readFileSync(full, 'utf8'),
              fix.edits.filter((e) => e.file === file),
            ),
          );
        }
        const after = report(dir);
        assert.deepEqual(
          after.findings.map((f) => `${f.code}: ${f.message}`),
          [],
          `after "${fix.title}"`,
        );
        if (example === 'php-fpm-compose')
          assert.match(cli('check', dir).stdout, /^Linked 1 fastcgi_pass route:$/m, 'still linked after the fix');
        else assert.equal(after.links.length, 1, 'still linked after the fix');
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  });
}
