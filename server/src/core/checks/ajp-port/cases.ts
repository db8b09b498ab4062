import type { CheckCases } from '../cases';

const conf = 'nginx/nginx.conf';
const xml = 'tomcat/conf/server.xml';

/** An nginx.conf whose upstream `app` has one server, and a location proxying with `pass`. */
function nginx(server: string, pass = 'proxy_pass http://app;'): string {
  return `events {}
http {
    upstream app {
        server ${server};
    }
    server {
        listen 80;
        location / {
            ${pass}
        }
    }
}
`;
}

function serverXml(...connectors: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Server port="8005" shutdown="SHUTDOWN">
  <Service name="Catalina">
    ${connectors.join('\n    ')}
  </Service>
</Server>
`;
}

const ajp = '<Connector port="8009" protocol="AJP/1.3" redirectPort="8443" />';
const http = '<Connector port="8080" protocol="HTTP/1.1" connectionTimeout="20000" keepAliveTimeout="90000" />';

export const cases: CheckCases = {
  valid: [
    { name: 'the upstream reaches the HTTP connector', files: { [conf]: nginx('10.0.0.21:8080'), [xml]: serverXml(http, ajp) } },
    {
      name: 'an HTTP connector shares the port with the AJP one (another Tomcat): nginx may reach HTTP',
      files: {
        [conf]: nginx('10.0.0.21:8009'),
        [xml]: serverXml(ajp),
        'other/conf/server.xml': serverXml('<Connector port="8009" protocol="HTTP/1.1" keepAliveTimeout="90000" />'),
      },
    },
    {
      name: 'an upstream on the AJP port that no proxy_pass uses',
      files: { [conf]: nginx('10.0.0.21:8009', 'return 204;'), [xml]: serverXml(http, ajp) },
    },
    {
      name: 'a grpc_pass is not HTTP/1 proxying: the AJP port is not judged for it',
      files: { [conf]: nginx('10.0.0.21:8009', 'grpc_pass grpc://app;'), [xml]: serverXml(http, ajp) },
    },
    {
      name: 'the links setting sends the upstream to the HTTP connector',
      settings: { links: [{ upstream: 'app', backend: xml, port: 8080 }] },
      files: { [conf]: nginx('tomcat:8009'), [xml]: serverXml(http, ajp) },
    },
    {
      name: 'a direct proxy_pass to the HTTP port',
      files: { [conf]: nginx('10.0.0.21:8080', 'proxy_pass http://10.0.0.21:8080/;'), [xml]: serverXml(http, ajp) },
    },
  ],
  invalid: [
    {
      name: 'an upstream server on the AJP port: both sides, each pointing at the other',
      files: { [conf]: nginx('10.0.0.21:8009'), [xml]: serverXml(http, ajp) },
      findings: [
        {
          file: conf,
          line: 4,
          text: '10.0.0.21:8009',
          severity: 'warning',
          message: ['nginx speaks HTTP to port 8009, where Tomcat listens for AJP only: every request gets 502'],
          related: [
            'Connector port 8009 (Service Catalina) speaks AJP/1.3 here',
            'location / in server sends HTTP requests to upstream app',
          ],
          relatedFiles: [xml, conf],
          fixes: [],
        },
        {
          file: xml,
          line: 5,
          text: 'Connector',
          severity: 'warning',
          message: ['nginx proxies HTTP to this AJP connector (port 8009): every request gets 502'],
          related: ['nginx sends HTTP to port 8009 here (upstream app, server 10.0.0.21:8009)'],
          relatedFiles: [conf],
        },
      ],
    },
    {
      name: 'a direct proxy_pass address on the AJP port',
      files: { [conf]: nginx('10.0.0.21:8080', 'proxy_pass http://tomcat:8009/app/;'), [xml]: serverXml(http, ajp) },
      findings: [
        { file: conf, line: 9, text: 'http://tomcat:8009/app/', message: ['port 8009', 'AJP only'], relatedFiles: [xml] },
        { file: xml, line: 5, text: 'Connector', related: ['(proxy_pass http://tomcat:8009/app/)'], relatedFiles: [conf] },
      ],
    },
    {
      name: 'two upstreams on the AJP port: one finding on the connector, pointing at both',
      files: {
        [conf]: nginx('10.0.0.21:8009').replace(
          '    server {\n',
          '    upstream api {\n        server 10.0.0.22:8009;\n    }\n    server {\n        location /api/ { proxy_pass http://api; }\n',
        ),
        [xml]: serverXml(ajp),
      },
      findings: [
        { file: conf, line: 4, text: '10.0.0.21:8009' },
        { file: xml, line: 4, text: 'Connector', relatedFiles: [conf, conf] },
        { file: conf, line: 7, text: '10.0.0.22:8009' },
      ],
    },
  ],
};
