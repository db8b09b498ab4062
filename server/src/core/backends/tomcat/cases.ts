// What each Connector makes as an endpoint: the idle timeout Tomcat applies and where it comes
// from (keepAliveTimeout, else connectionTimeout, else 60000 ms), protocol and keep-alive.
import type { EndpointCase } from '../cases';

const xml = 'tomcat/conf/server.xml';
const properties = 'tomcat/conf/catalina.properties';
const server = (...connectors: string[]) =>
  `<Server>\n  <Service name="Catalina">\n${connectors.map((c) => `    ${c}\n`).join('')}  </Service>\n</Server>\n`;

export const cases: EndpointCase[] = [
  {
    name: 'the stock connector: connectionTimeout decides',
    files: { [xml]: server('<Connector port="8080" protocol="HTTP/1.1" connectionTimeout="20000" redirectPort="8443" />') },
    endpoints: [
      {
        label: 'tomcat/conf/server.xml, Connector port 8080 (Service Catalina)',
        port: 8080,
        protocol: 'http',
        keepsAlive: true,
        idle: 20_000,
        origin: 'written',
        setting: 'connectionTimeout',
        description: 'connectionTimeout, keepAliveTimeout unset',
        underlined: '20000',
      },
    ],
  },
  {
    name: 'keepAliveTimeout wins over connectionTimeout',
    files: { [xml]: server('<Connector port="8080" connectionTimeout="20000" keepAliveTimeout="90000" />') },
    endpoints: [{ idle: 90_000, origin: 'written', setting: 'keepAliveTimeout', description: 'keepAliveTimeout', underlined: '90000' }],
  },
  {
    name: 'neither written: the documented default, underlining the tag',
    files: { [xml]: server('<Connector port="8080" />') },
    endpoints: [
      {
        idle: 60_000,
        origin: 'default',
        description: 'Tomcat default, neither keepAliveTimeout nor connectionTimeout set',
        assumed: '8.5 to 11, https://tomcat.apache.org/tomcat-10.1-doc/config/http.html',
        underlined: 'Connector',
      },
    ],
  },
  {
    name: 'a value Tomcat cannot set counts as not written',
    files: { [xml]: server('<Connector port="8080" connectionTimeout="7000" keepAliveTimeout=" 90000" />') },
    endpoints: [
      { idle: 7000, setting: 'connectionTimeout', description: 'connectionTimeout, keepAliveTimeout not a number Tomcat can set' },
    ],
  },
  {
    name: 'a ${property} from catalina.properties',
    files: {
      [xml]: server('<Connector port="${http.port}" keepAliveTimeout="${http.keepalive}" />'),
      [properties]: 'http.port=8081\nhttp.keepalive=15000\n',
    },
    endpoints: [{ port: 8081, idle: 15_000, setting: 'keepAliveTimeout', underlined: '${http.keepalive}' }],
  },
  {
    name: 'an undefined ${property}: unknown',
    files: { [xml]: server('<Connector port="8080" keepAliveTimeout="${http.keepalive}" />') },
    endpoints: [{ idle: 'unknown', unknown: '${http.keepalive} is not defined' }],
  },
  {
    name: '-1: never times out',
    files: { [xml]: server('<Connector port="8080" keepAliveTimeout="-1" />') },
    endpoints: [{ idle: 'never' }],
  },
  {
    name: 'maxKeepAliveRequests="1" keeps nothing alive; AJP is not HTTP',
    files: {
      [xml]: server(
        '<Connector port="8080" connectionTimeout="7000" maxKeepAliveRequests="1" />',
        '<Connector port="8009" protocol="AJP/1.3" />',
      ),
    },
    endpoints: [
      { port: 8080, protocol: 'http', keepsAlive: false, idle: 7000 },
      { port: 8009, protocol: 'ajp', keepsAlive: true, idle: 60_000 },
    ],
  },
];
