// The compose merge rules, each with the example the specification gives for it
// (docs.docker.com/reference/compose-file/merge/ and the "Merge Compose files" how-to), merged
// through the same tree the readers build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readYamlTree, type TreeNode } from '../../server/src/core/deployment/tree';
import { dropResets, enforceUnicity, mergeNodes } from '../../server/src/core/deployment/compose/merge';

function tree(file: string, text: string): TreeNode {
  const { tree, problems } = readYamlTree(file, text);
  assert.deepEqual(problems, []);
  return tree!;
}

function plain(node: TreeNode | undefined): unknown {
  if (!node) return undefined;
  if (node.kind === 'map') return Object.fromEntries([...node.entries].map(([k, v]) => [k, plain(v.value)]));
  if (node.kind === 'seq') return node.items.map(plain);
  return node.value;
}

/** Merges the texts in order as compose files are merged, then keeps one entry per unique key. */
function merged(...texts: string[]): unknown {
  let model = dropResets(tree('/p/0.yml', texts[0]));
  texts.slice(1).forEach((text, i) => (model = mergeNodes(model, tree(`/p/${i + 1}.yml`, text))!));
  return plain(enforceUnicity(model));
}

test('mappings merge key by key; the later scalar wins', () => {
  assert.deepEqual(
    merged('services:\n  foo:\n    key1: value1\n    key2: value2\n', 'services:\n  foo:\n    key2: VALUE\n    key3: value3\n'),
    {
      services: { foo: { key1: 'value1', key2: 'VALUE', key3: 'value3' } },
    },
  );
});

test('sequences append', () => {
  assert.deepEqual(merged('services:\n  foo:\n    DNS:\n      - 1.1.1.1\n', 'services:\n  foo:\n    DNS:\n      - 8.8.8.8\n'), {
    services: { foo: { DNS: ['1.1.1.1', '8.8.8.8'] } },
  });
});

test('command, entrypoint and healthcheck.test are replaced, not appended', () => {
  assert.deepEqual(merged('services:\n  foo:\n    command: ["echo", "foo"]\n', 'services:\n  foo:\n    command: ["echo", "bar"]\n'), {
    services: { foo: { command: ['echo', 'bar'] } },
  });
  assert.deepEqual(
    merged(
      'services:\n  foo:\n    entrypoint: [a]\n    healthcheck:\n      test: [CMD, x]\n      interval: 5s\n',
      'services:\n  foo:\n    entrypoint: [b]\n    healthcheck:\n      test: [CMD, y]\n',
    ),
    { services: { foo: { entrypoint: ['b'], healthcheck: { test: ['CMD', 'y'], interval: '5s' } } } },
  );
});

test('volumes are unique by target: the later mount replaces the earlier', () => {
  assert.deepEqual(merged('services:\n  foo:\n    volumes:\n      - foo:/work\n', 'services:\n  foo:\n    volumes:\n      - bar:/work\n'), {
    services: { foo: { volumes: ['bar:/work'] } },
  });
  // The how-to's example: merged by the mount path in the container.
  assert.deepEqual(
    merged(
      'services:\n  myservice:\n    volumes:\n      - ./original:/foo\n      - ./original:/bar\n',
      'services:\n  myservice:\n    volumes:\n      - ./local:/bar\n      - ./local:/baz\n',
    ),
    { services: { myservice: { volumes: ['./original:/foo', './local:/bar', './local:/baz'] } } },
  );
  // Long syntax keys by its target too.
  assert.deepEqual(
    merged(
      'services:\n  a:\n    volumes:\n      - ./x.conf:/etc/nginx/nginx.conf:ro\n',
      'services:\n  a:\n    volumes:\n      - type: bind\n        source: ./y.conf\n        target: /etc/nginx/nginx.conf\n',
    ),
    { services: { a: { volumes: [{ type: 'bind', source: './y.conf', target: '/etc/nginx/nginx.conf' }] } } },
  );
});

test('ports and expose concatenate, one entry per unique key', () => {
  assert.deepEqual(
    merged(
      'services:\n  myservice:\n    expose:\n      - "3000"\n',
      'services:\n  myservice:\n    expose:\n      - "4000"\n      - "5000"\n',
    ),
    {
      services: { myservice: { expose: ['3000', '4000', '5000'] } },
    },
  );
  assert.deepEqual(
    merged('services:\n  a:\n    ports:\n      - "8080:80"\n', 'services:\n  a:\n    ports:\n      - "8080:80"\n      - "8443:443"\n'),
    {
      services: { a: { ports: ['8080:80', '8443:443'] } },
    },
  );
  const long = 'services:\n  a:\n    ports:\n      - target: 80\n        published: "8080"\n';
  assert.deepEqual(merged(long, long.replace('8080', '8080')), { services: { a: { ports: [{ target: 80, published: '8080' }] } } });
});

test('environment and labels merge by name, the later value winning, list and map alike', () => {
  assert.deepEqual(
    merged(
      'services:\n  myservice:\n    environment:\n      - FOO=original\n      - BAR=original\n',
      'services:\n  myservice:\n    environment:\n      - BAR=local\n      - BAZ=local\n',
    ),
    { services: { myservice: { environment: ['FOO=original', 'BAR=local', 'BAZ=local'] } } },
  );
  assert.deepEqual(
    merged(
      'services:\n  a:\n    environment:\n      FOO: original\n      BAR: original\n',
      'services:\n  a:\n    environment:\n      - BAR=local\n',
    ),
    { services: { a: { environment: ['BAR=local', 'FOO=original'] } } },
  );
  assert.deepEqual(
    merged('services:\n  a:\n    labels:\n      com.x: "1"\n', 'services:\n  a:\n    labels:\n      com.x: "2"\n      com.y: "3"\n'),
    {
      services: { a: { labels: ['com.x=2', 'com.y=3'] } },
    },
  );
});

test('build as a path is build.context; networks as a list are a mapping', () => {
  assert.deepEqual(merged('services:\n  a:\n    build: ./app\n', 'services:\n  a:\n    build:\n      dockerfile: Dockerfile.dev\n'), {
    services: { a: { build: { context: './app', dockerfile: 'Dockerfile.dev' } } },
  });
  assert.deepEqual(
    merged('services:\n  a:\n    networks: [front]\n', 'services:\n  a:\n    networks:\n      front:\n        aliases: [api]\n'),
    {
      services: { a: { networks: { front: { aliases: ['api'] } } } },
    },
  );
});

test('!reset removes a value, !override replaces it without merging', () => {
  // The specification's examples.
  assert.deepEqual(
    merged(
      'services:\n  app:\n    image: myapp\n    ports:\n      - "8080:80"\n    environment:\n      FOO: BAR\n',
      'services:\n  app:\n    image: myapp\n    ports: !reset []\n    environment:\n      FOO: !reset null\n',
    ),
    { services: { app: { image: 'myapp', environment: [] } } },
  );
  assert.deepEqual(
    merged(
      'services:\n  app:\n    image: myapp\n    ports:\n      - "8080:80"\n',
      'services:\n  app:\n    ports: !override\n      - "8443:443"\n',
    ),
    {
      services: { app: { image: 'myapp', ports: ['8443:443'] } },
    },
  );
});

test('anchors, aliases and << merge keys are expanded before merging', () => {
  const text =
    'x-common: &common\n  image: tomcat:10.1\n  environment:\n    TZ: UTC\nservices:\n  app:\n    <<: *common\n    image: tomcat:11\n';
  assert.deepEqual(merged(text), {
    'x-common': { image: 'tomcat:10.1', environment: { TZ: 'UTC' } },
    services: { app: { image: 'tomcat:11', environment: { TZ: 'UTC' } } },
  });
});
