// Problems the analysis makes itself (a file not read, a link that links nothing, "and N more")
// come back as the same finding objects while they say the same: the language server then
// re-publishes nothing for them when an edit touches another file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFiles, abs } from '../support/memoryWorkspace';
import { unreadableFile } from '../../server/src/core/checks/cases';

test('an edit elsewhere keeps the made problems as the same objects', () => {
  const files = {
    'nginx/nginx.conf': 'events {}\nhttp {\n    include conf.d/*.conf;\n    upstream app { server tomcat:8080; }\n}\n',
    'nginx/conf.d/flood.conf': ';'.repeat(500), // no nginx by its text: read because nginx.conf includes it
    'tomcat/conf/server.xml': unreadableFile('unreadable'),
    'other/site.conf': 'server { listen 80; }\n',
    'timeout-chain.json': '{ "links": [{ "upstream": "nope", "serverXml": "tomcat/conf/server.xml" }] }\n',
  };
  const { workspace, findings } = analyzeFiles(files);
  const made = findings.filter((f) => f.code === 'file-access' || f.code === 'settings' || f.message.includes('more problems'));
  assert.deepEqual(made.map((f) => f.code).sort(), ['file-access', 'nginx-syntax', 'settings']);
  workspace.setFile(abs('nginx/nginx.conf'), 'nginx', files['nginx/nginx.conf'] + '# edited\n');
  const again = workspace.analyze().findings;
  for (const finding of made) assert.ok(again.includes(finding), `${finding.code}: ${finding.message}`);
});
