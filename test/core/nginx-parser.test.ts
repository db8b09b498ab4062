// The nginx reader on syntax that toy parsers get wrong: every token keeps its exact range.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNginx } from '../../server/src/core/nginx/parser';
import type { NginxDirective } from '../../server/src/core/nginx/ast';
import { LineIndex } from '../../server/src/core/text';

const parse = (text: string) => parseNginx('/t/nginx.conf', text);
const words = (d: NginxDirective) => [d.name.value, ...d.args.map((a) => a.value)];
const errors = (text: string) => parse(text).problems.filter((p) => p.severity === 'error');

test('every token keeps its exact range, quotes included in raw', () => {
  const text = 'upstream app {\n    server "10.0.0.1:8080"  max_fails=3;\n}\n';
  const file = parse(text);
  const server = file.directives[0].block!.children[0];
  for (const token of [server.name, ...server.args]) assert.equal(text.slice(token.start, token.end), token.raw);
  assert.deepEqual(words(server), ['server', '10.0.0.1:8080', 'max_fails=3']);
  assert.equal(server.args[0].quote, '"');
  assert.equal(text.slice(server.start, server.end), 'server "10.0.0.1:8080"  max_fails=3;');
  assert.equal(file.problems.length, 0);
});

test('escapes: \\" \\\\ \\t \\n decoded inside quotes, other escapes kept as typed', () => {
  const file = parse('add_header X "a\\"b\\\\c\\td\\x";\n');
  assert.equal(file.directives[0].args[1].value, 'a"b\\c\td\\x');
});

test('# starts a comment only at a token boundary; comments are kept', () => {
  const file = parse('location /a#b { return 200 "#x"; } # trailing\n# whole line\n');
  assert.deepEqual(words(file.directives[0]), ['location', '/a#b']);
  assert.deepEqual(words(file.directives[0].block!.children[0]), ['return', '200', '#x']);
  assert.deepEqual(
    file.comments.map((c) => c.text),
    [' trailing', ' whole line'],
  );
});

test('${var} braces do not open blocks; a bare { does', () => {
  const file = parse('set $a ${host}x;\nif ($a) { return 204; }\n');
  assert.deepEqual(words(file.directives[0]), ['set', '$a', '${host}x']);
  assert.equal(file.directives[1].block?.children.length, 1);
  assert.equal(file.problems.length, 0);
});

test('a quoted word must be followed by a space, ; or {', () => {
  const [problem] = errors('add_header A "x"y;\n');
  assert.match(problem.message, /unexpected "y"/);
});

test('*_by_lua_block bodies are opaque Lua, even with braces in strings and comments', () => {
  const text = 'content_by_lua_block {\n  local s = "}" -- }\n  local t = { [[ } ]] }\n  ngx.say(s)\n}\nworker_processes 2;\n';
  const file = parse(text);
  assert.equal(file.problems.length, 0);
  assert.equal(file.directives[0].block?.kind, 'raw');
  assert.deepEqual(words(file.directives[1]), ['worker_processes', '2']);
});

test('map, geo, types and split_clients children are data, not directives', () => {
  const file = parse(
    'map $a $b { default 0; ~^x 1; "" 2; }\ntypes { text/html html htm; }\ngeo $g { 10.0.0.0/8 1; }\nsplit_clients $r $v { 50% a; * b; }\n',
  );
  assert.deepEqual(
    file.directives.map((d) => d.block?.kind),
    ['data', 'data', 'data', 'data'],
  );
  assert.deepEqual(words(file.directives[0].block!.children[2]), ['', '2']);
});

test('a missing ; is reported where nginx reports it and the rest is still read', () => {
  const text = 'http {\n    server {\n        listen 80\n    }\n    upstream b { server 1.2.3.4:80; }\n}\n';
  const file = parse(text);
  const problems = file.problems.filter((p) => p.severity === 'error');
  assert.equal(problems.length, 1);
  assert.equal(text.slice(problems[0].span.start, problems[0].span.end), '}');
  assert.equal(file.lines.positionAt(problems[0].span.start).line, 3);
  const http = file.directives[0].block!.children;
  assert.deepEqual(
    http.map((d) => d.name.value),
    ['server', 'upstream'],
  );
});

test('an unclosed block gives one end-of-file error, however deep', () => {
  const problems = errors('http {\n  server {\n    location / {\n');
  assert.equal(problems.length, 1);
  assert.match(problems[0].message, /unexpected end of file/);
});

test('an unterminated quote is reported at end of file, not a hang', () => {
  const problems = errors('return 200 "abc;\n');
  assert.equal(problems.length, 1);
  assert.match(problems[0].message, /end of file/);
});

test('CRLF line endings and a BOM-free tab-indented file', () => {
  const file = parse('http {\r\n\tupstream a {\r\n\t\tkeepalive 8;\r\n\t}\r\n}\r\n');
  assert.equal(file.problems.length, 0);
  const keepalive = file.directives[0].block!.children[0].block!.children[0];
  assert.deepEqual(file.lines.positionAt(keepalive.args[0].start), { line: 2, character: 12 });
});

test('random cuts of a real config never throw and always end', () => {
  const text =
    'http {\n  upstream a { server 1.1.1.1:80; keepalive 4; }\n  server { location / { proxy_pass http://a; proxy_set_header Connection ""; content_by_lua_block { ngx.say("}") } } }\n}\n';
  for (let cut = 0; cut <= text.length; cut++) {
    const file = parse(text.slice(0, cut) + '"{\'}' + text.slice(cut));
    assert.ok(Array.isArray(file.directives));
  }
});

test('a "{" inside an unquoted regex is one error at that brace, and the rest is read as meant', () => {
  const text =
    'server {\n    rewrite ^/blog/([0-9]{4})/(.*)$ /posts/$1-$2 redirect;\n    location ~* \\.[a-f0-9]{8,}\\.css$ { expires 1y; }\n    listen 80;\n}\n';
  const file = parse(text);
  const problems = file.problems.filter((p) => p.severity === 'error');
  assert.deepEqual(
    problems.map((p) => [file.lines.positionAt(p.span.start).line, text.slice(p.span.start, p.span.end)]),
    [
      [1, '{'],
      [2, '{'],
    ],
  );
  assert.match(problems[0].message, /Put the expression in quotes/);
  const server = file.directives[0].block!.children;
  assert.deepEqual(
    server.map((d) => d.name.value),
    ['rewrite', 'location', 'listen'],
  );
  assert.equal(server[0].args[0].value, '^/blog/([0-9]{4})/(.*)$');
});

test('variables in braces and quoted regexes are not regex braces', () => {
  assert.deepEqual(errors('location ~ "^/(\\d{3})$" { return 204; }\nset $a ${b}c;\nif ($a){ return 204; }\n'), []);
});

test('a block directive ended by ";" is nginx\'s "has no opening {", at the ";"', () => {
  const text = 'http {\n  server\n    listen 80;\n}\n';
  const [problem] = errors(text);
  assert.match(problem.message, /directive "server" has no opening "\{"/);
  assert.equal(parse(text).lines.positionAt(problem.span.start).line, 2);
  assert.deepEqual(errors('upstream u {\n  server 10.0.0.1:80;\n}\n'), [], 'server inside upstream is a plain directive');
});

test('a simple directive followed by "{" is "not terminated by ;", at the brace', () => {
  const text = 'worker_processes auto\n\nhttp {\n  server { listen 80; }\n}\n';
  const [problem] = errors(text);
  assert.match(problem.message, /directive "worker_processes" is not terminated by ";"/);
  assert.equal(text.slice(problem.span.start, problem.span.end), '{');
  assert.equal(parse(text).lines.positionAt(problem.span.start).line, 2);
});

test('a name no directive can have is reported on the name; data blocks are exempt', () => {
  const [problem] = errors('location / {\n  8,}\\.css$ { return 204; }\n}\n');
  assert.match(problem.message, /unknown directive "8,}\\\.css\$"/);
  assert.deepEqual(errors('map $a $b {\n  ~^/x(\\d+)$ 1;\n  default 0;\n}\n'), []);
});

test('words that look alike to the word cache keep their own values; repeated words share one string', () => {
  const names = Array.from({ length: 600 }, (_, i) => `app_${String(i).padStart(3, '0')}`);
  const text = names.map((n) => `upstream ${n} { server "${n}:80"; keepalive 32; }\n`).join('') + 'a_b é_b;\nx "";\n';
  const file = parse(text);
  assert.deepEqual(
    file.directives.slice(0, names.length).map((d) => [d.args[0].value, d.block!.children[0].args[0].value]),
    names.map((n) => [n, `${n}:80`]),
  );
  for (const d of file.directives) for (const t of [d.name, ...d.args]) assert.equal(t.raw, text.slice(t.start, t.end));
  assert.deepEqual(words(file.directives.at(-2)!), ['a_b', 'é_b']);
  assert.deepEqual(words(file.directives.at(-1)!), ['x', '']);
  assert.equal(file.problems.length, 0);
});

test('line positions with LF, CRLF and a lone CR', () => {
  for (const [text, line] of [
    ['a;\nb;\nc;', 2],
    ['a;\r\nb;\r\nc;', 2],
    ['a;\rb;\r\nc;', 2],
    ['a; b; c;', 0],
  ] as const) {
    const file = parse(text);
    assert.equal(file.lines.positionAt(file.directives[2].start).line, line, JSON.stringify(text));
    assert.equal(file.lines.offsetAt({ line, character: 0 }), file.directives[2].start - (line === 0 ? 6 : 0));
  }
});

test('arguments are built when first read, then kept; the tree serialises as plain data', () => {
  const file = parse('proxy_set_header Connection "" ;\nlocation ~ \\.php$ { }\n');
  const [header, location] = file.directives;
  assert.equal(header.args, header.args, 'the same array on every read');
  assert.deepEqual(JSON.parse(JSON.stringify(header)), {
    name: { start: 0, end: 16, raw: 'proxy_set_header', value: 'proxy_set_header' },
    args: [
      { start: 17, end: 27, raw: 'Connection', value: 'Connection' },
      { start: 28, end: 30, raw: '""', value: '', quote: '"' },
    ],
    start: 0,
    end: 32,
    terminated: true,
  });
  assert.deepEqual(words(location), ['location', '~', '\\.php$']);
  assert.equal(location.end, file.text.length - 1);
});

test('positions: no range ends between the CR and the LF of a CRLF; a character past a line end is its end', () => {
  const lines = new LineIndex('a\\\r\n;\r\nx\ry\n');
  assert.deepEqual(lines.positionAt(3), { line: 0, character: 2 }); // the LF after the CR
  assert.deepEqual(lines.rangeOf({ start: 0, end: 3 }), { start: { line: 0, character: 0 }, end: { line: 0, character: 2 } });
  assert.equal(lines.offsetAt({ line: 0, character: 9 }), 2);
  assert.equal(lines.offsetAt({ line: 1, character: 1 }), 5);
  assert.equal(lines.offsetAt({ line: 2, character: 5 }), 8); // a lone CR ends the line too
  assert.equal(lines.offsetAt({ line: 3, character: 5 }), 10);
  assert.equal(lines.offsetAt({ line: 4, character: 0 }), 11);
  const file = parseNginx('/x.conf', 'a\\\r\n;');
  assert.deepEqual(file.lines.rangeOf(file.directives[0]).end.line, 1);
  assert.ok(file.lines.rangeOf(file.directives[0].name).end.character <= 2);
});
