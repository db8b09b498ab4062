import type { CheckCases } from '../cases';

const nginx = (upstream: string) => `events {}\nhttp {\n    upstream app {\n        server 10.0.0.1:8080;\n${upstream}\n    }\n}\n`;
const xml = (attrs: string) => `<Server port="8005">\n  <Service name="Catalina">\n    <Connector port="8080" ${attrs} />\n  </Service>\n</Server>\n`;
const conf = 'nginx/nginx.conf';
const serverXml = 'tomcat/conf/server.xml';

export const cases: CheckCases = {
  valid: [
    { name: 'nginx times in combined units', files: { [conf]: nginx('        keepalive 16;\n        keepalive_timeout 1m30s;') } },
    { name: 'nginx milliseconds and a bare number of seconds', files: { [conf]: nginx('        keepalive_timeout 500ms;\n        keepalive 1;') } },
    { name: 'Tomcat whole milliseconds and -1', files: { [serverXml]: xml('connectionTimeout="20000" keepAliveTimeout="-1" maxKeepAliveRequests="100"') } },
  ],
  invalid: [
    {
      name: 'months are not allowed in a millisecond directive',
      files: { [conf]: nginx('        keepalive_timeout 1M;') },
      findings: [{ file: conf, line: 5, text: '1M', severity: 'error', message: ['keepalive_timeout'] }],
    },
    {
      name: 'units out of order and a non-number keepalive',
      files: { [conf]: nginx('        keepalive_timeout 1s1h;\n        keepalive lots;') },
      findings: [
        { file: conf, line: 5, text: '1s1h' },
        { file: conf, line: 6, text: 'lots' },
      ],
    },
    {
      name: 'a Tomcat timeout that is not whole milliseconds',
      files: { [serverXml]: xml('connectionTimeout="7s"') },
      findings: [{ file: serverXml, line: 3, text: '7s', severity: 'error', message: ['connectionTimeout'] }],
    },
  ],
};
