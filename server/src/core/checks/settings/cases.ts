import type { CheckCases } from '../cases';

const conf = 'nginx/nginx.conf';
const nginx = 'events {}\nhttp {\n    upstream app { server tomcat:8080; }\n    server { location / { proxy_pass http://app; } }\n}\n';
const xml = '<Server><Service name="Catalina"><Connector port="8080" keepAliveTimeout="90000"/></Service></Server>';
const json = 'timeout-chain.json';

export const cases: CheckCases = {
  valid: [
    {
      name: 'settings every reader knows',
      files: {
        [conf]: nginx,
        'tomcat/conf/server.xml': xml,
        [json]:
          '{ "nginx": { "version": "1.24.0" }, "links": [{ "upstream": "app", "serverXml": "tomcat/conf/server.xml" }], "fix": { "upstreamMarginPercent": 100 } }\n',
      },
    },
    { name: 'an empty object', files: { [conf]: nginx, [json]: '{}\n' } },
    {
      name: 'a byte order mark before the JSON, as editors on Windows save it',
      files: { [conf]: nginx, [json]: '\ufeff{ "nginx": { "version": "1.24.0" } }\n' },
    },
  ],
  invalid: [
    {
      name: 'not valid JSON',
      files: { [conf]: nginx, [json]: '{ "nginx": { "version": "1.24.0", } }\n' },
      findings: [{ file: json, line: 1, text: '}', severity: 'error', message: ['not valid JSON'] }],
    },
    {
      name: 'a misspelt key',
      files: { [conf]: nginx, [json]: '{\n  "fxi": { "upstreamMarginPercent": 50 }\n}\n' },
      findings: [{ file: json, line: 2, text: '"fxi"', severity: 'error', message: ['unknown setting "fxi"', 'did you mean "fix"'] }],
    },
    {
      name: 'a margin that is not finite or sensible',
      files: { [conf]: nginx, [json]: '{\n  "fix": { "upstreamMarginPercent": 1e308 }\n}\n' },
      findings: [
        {
          file: json,
          line: 2,
          text: '"upstreamMarginPercent"',
          severity: 'error',
          message: ['fix.upstreamMarginPercent', 'from 0 to 1000'],
        },
      ],
    },
    {
      name: 'a link naming an upstream that does not exist',
      files: {
        [conf]: nginx,
        'tomcat/conf/server.xml': xml,
        [json]: '{\n  "links": [\n    { "upstream": "ap", "serverXml": "tomcat/conf/server.xml" }\n  ]\n}\n',
      },
      findings: [
        {
          file: json,
          line: 3,
          text: '{ "upstream": "ap", "serverXml": "tomcat/conf/server.xml" }',
          severity: 'error',
          message: ['links nothing', 'No upstream "ap"'],
        },
      ],
    },
    {
      name: 'a link to a server.xml that is not there',
      files: { [conf]: nginx, [json]: '{\n  "links": [{ "upstream": "app", "serverXml": "tomcat/conf/server.xml", "port": 8080 }]\n}\n' },
      findings: [
        {
          file: json,
          line: 2,
          text: '{ "upstream": "app", "serverXml": "tomcat/conf/server.xml", "port": 8080 }',
          severity: 'error',
          message: ['no server.xml'],
        },
      ],
    },
    {
      name: 'an exclusion glob that expands past the bound',
      files: { [conf]: nginx, [json]: '{\n  "exclude": ["{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}"]\n}\n' },
      findings: [
        {
          file: json,
          line: 2,
          text: '"{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}"',
          severity: 'error',
          message: ['exclude[0]', 'more than 1000'],
        },
      ],
    },
  ],
};
