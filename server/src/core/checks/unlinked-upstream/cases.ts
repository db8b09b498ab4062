import type { CheckCases } from '../cases';

/** An nginx.conf whose upstream `api` has `servers` and `upstreamLines`, proxied to by one location. */
function nginx(servers: string[], upstreamLines = '        keepalive 32;', location = reusing): string {
  return `events {}
http {
    upstream api {
${servers.map((s) => `        server ${s};`).join('\n')}
${upstreamLines}
    }
    server {
        listen 80;
        location / {
            ${location}
        }
    }
}
`;
}

function serverXml(port: number): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Server port="8005" shutdown="SHUTDOWN">
  <Service name="Catalina">
    <Connector port="${port}" protocol="HTTP/1.1" connectionTimeout="20000" keepAliveTimeout="90000" />
  </Service>
</Server>
`;
}

const reusing = 'proxy_pass http://api;\n            proxy_http_version 1.1;\n            proxy_set_header Connection "";';
const conf = 'nginx/nginx.conf';
const xml = 'tomcat/conf/server.xml';
const settingsFile = 'timeout-chain.json';

/** timeout-chain.json as the fix writes it when there is none. */
function createdSettings(server: string, backend: string, port: number): string {
  return `{
  "links": [
    {
      "upstream": "api",
      "server": "${server}",
      "backend": "${backend}",
      "port": ${port}
    }
  ]
}
`;
}

export const cases: CheckCases = {
  valid: [
    {
      name: 'linked by port to a Tomcat connector',
      files: { [conf]: nginx(['10.0.0.21:8080']), [xml]: serverXml(8080) },
    },
    {
      name: 'before 1.29.7 without keepalive: nginx keeps no connection cache',
      settings: { nginx: { version: '1.24.0' } },
      files: { [conf]: nginx(['api:3000'], '') },
    },
    {
      name: 'keepalive 0 turns the cache off',
      files: { [conf]: nginx(['api:3000'], '        keepalive 0;') },
    },
    {
      name: 'Connection: close does not reuse',
      files: {
        [conf]: nginx(
          ['api:3000'],
          '',
          'proxy_pass http://api;\n            proxy_http_version 1.1;\n            proxy_set_header Connection close;',
        ),
      },
    },
    {
      name: 'no location proxies to the upstream',
      files: { [conf]: nginx(['api:3000'], '', 'return 204;') },
    },
    {
      name: 'a grpc_pass upstream: its gRPC server is not read, so not asked for',
      files: { [conf]: nginx(['api:3000'], '', 'grpc_pass grpc://api;') },
    },
    {
      name: 'explicitly linked by a links setting (a published 8081 to the connector on 8080)',
      settings: { links: [{ upstream: 'api', server: 'api:8081', backend: xml, port: 8080 }] },
      files: { [conf]: nginx(['api:8081']), [xml]: serverXml(8080) },
    },
    {
      name: 'a server marked down is never connected to',
      files: { [conf]: nginx(['10.0.0.21:8080', 'api:3000 down']), [xml]: serverXml(8080) },
    },
    {
      name: "a links entry that links nothing is the settings check's to say",
      files: {
        [conf]: nginx(['api:3000']),
        [settingsFile]: '{ "links": [{ "upstream": "api", "backend": "missing/server.xml" }] }\n',
      },
    },
  ],
  invalid: [
    {
      name: 'reused by default, no backend read anywhere: no fix, the message says what to add',
      files: { [conf]: nginx(['api:3000'], '') },
      findings: [
        {
          file: conf,
          line: 4,
          text: 'api:3000',
          severity: 'info',
          message: [
            'nginx reuses connections to api:3000 for 60s; no backend configuration found for it.',
            'Add its server.xml or Spring Boot build file or Python project file or package.json or go.mod or Apache httpd configuration or uWSGI ini file to this folder',
          ],
          relatedFiles: [conf, conf],
          fixes: [],
        },
      ],
    },
    {
      name: 'a remapped port (8081 published for the connector on 8080): the fix creates timeout-chain.json',
      files: { [conf]: nginx(['api:8081'], '        keepalive 16;\n        keepalive_timeout 30s;'), [xml]: serverXml(8080) },
      findings: [
        {
          file: conf,
          line: 4,
          text: 'api:8081',
          severity: 'info',
          message: ['nginx reuses connections to api:8081 for 30s;', 'a quick fix links it in timeout-chain.json'],
          relatedFiles: [conf, conf, xml],
          fixes: ['Link upstream api to tomcat/conf/server.xml port 8080'],
        },
      ],
      fixed: { [settingsFile]: createdSettings('api:8081', xml, 8080) },
    },
    {
      name: 'one finding per unlinked server; the linked one has none',
      files: { [conf]: nginx(['10.0.0.21:8080', 'api:8081', 'unix:/run/api.sock']), [xml]: serverXml(8080) },
      findings: [
        // The one Tomcat read is linked already: no candidate, but one could be linked by hand.
        { file: conf, line: 5, text: 'api:8081', fixes: [], message: ['Link it with a "links" entry in timeout-chain.json'] },
        { file: conf, line: 6, text: 'unix:/run/api.sock', fixes: [] },
      ],
    },
    {
      name: 'several candidates: nearest folder first, into the existing links list',
      files: {
        [conf]: nginx(['api:8081', 'api:8082']),
        'legacy/tomcat/conf/server.xml': serverXml(9090),
        'nginx/tomcat/server.xml': serverXml(8080),
        [settingsFile]: '{\n    "nginx": { "version": "1.29.7" },\n    "links": []\n}\n',
      },
      findings: [
        {
          file: conf,
          line: 4,
          text: 'api:8081',
          relatedFiles: [conf, conf, 'nginx/tomcat/server.xml', 'legacy/tomcat/conf/server.xml'],
          fixes: [
            'Link upstream api server api:8081 to nginx/tomcat/server.xml port 8080',
            'Link upstream api server api:8081 to legacy/tomcat/conf/server.xml port 9090',
          ],
        },
        { file: conf, line: 5, text: 'api:8082' },
      ],
      fixedBy: {
        'Link upstream api server api:8081 to nginx/tomcat/server.xml port 8080': {
          [settingsFile]:
            '{\n    "nginx": { "version": "1.29.7" },\n    "links": [\n        {\n            "upstream": "api",\n            "server": "api:8081",\n            "backend": "nginx/tomcat/server.xml",\n            "port": 8080\n        }\n    ]\n}\n',
        },
        'Link upstream api server api:8081 to legacy/tomcat/conf/server.xml port 9090': {
          [settingsFile]:
            '{\n    "nginx": { "version": "1.29.7" },\n    "links": [\n        {\n            "upstream": "api",\n            "server": "api:8081",\n            "backend": "legacy/tomcat/conf/server.xml",\n            "port": 9090\n        }\n    ]\n}\n',
        },
      },
    },
    {
      name: 'before 1.15.3 cached connections have no idle timer',
      settings: { nginx: { version: '1.14.2' } },
      files: { [conf]: nginx(['api:3000']) },
      findings: [{ file: conf, line: 4, text: 'api:3000', message: ['nginx reuses connections to api:3000 until they close;'] }],
    },
  ],
};
