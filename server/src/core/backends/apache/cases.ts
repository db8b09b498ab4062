// What Apache httpd files make as endpoints: each <VirtualHost>, and the main configuration's
// Listen ports no virtual host takes, with the KeepAliveTimeout in force.
import type { EndpointCase } from '../cases';
import { keepAliveSource, keepAliveTimeoutSource } from './defaults';

const debianMain = `ServerRoot "/etc/apache2"
Timeout 300
KeepAlive On
MaxKeepAliveRequests 100
KeepAliveTimeout 5
IncludeOptional mods-enabled/*.load
Include ports.conf
IncludeOptional conf-enabled/*.conf
IncludeOptional sites-enabled/*.conf
`;
const vhost = (address: string, body = '') =>
  `<VirtualHost ${address}>\n    ServerName app.example.com\n${body}    ProxyPass / http://127.0.0.1:3000/\n</VirtualHost>\n`;

export const cases: EndpointCase[] = [
  {
    name: "Debian: a site's virtual host takes apache2.conf's KeepAliveTimeout 5; ports.conf's Listen is the site's",
    files: {
      'etc/apache2/apache2.conf': debianMain,
      'etc/apache2/ports.conf': 'Listen 8080\n',
      'etc/apache2/sites-enabled/app.conf': vhost('*:8080'),
    },
    endpoints: [
      {
        label: 'etc/apache2/sites-enabled/app.conf, Apache httpd VirtualHost *:8080',
        port: 8080,
        protocol: 'http',
        keepsAlive: true,
        idle: 5000,
        origin: 'written',
        setting: 'KeepAliveTimeout',
        description: 'KeepAliveTimeout in apache2.conf',
        underlined: '5',
      },
    ],
  },
  {
    name: "the httpd image's httpd.conf: httpd-default.conf not included, httpd's own 5 s on the Listen port",
    files: {
      'apache/conf/httpd.conf':
        'ServerRoot "/usr/local/apache2"\nListen 80\nLoadModule mpm_event_module modules/mod_mpm_event.so\n#Include conf/extra/httpd-default.conf\nDocumentRoot "/usr/local/apache2/htdocs"\n',
    },
    endpoints: [
      {
        label: 'apache/conf/httpd.conf, Apache httpd Listen 80',
        port: 80,
        idle: 5000,
        origin: 'default',
        assumed: `Apache httpd 2.4, ${keepAliveTimeoutSource}; ${keepAliveSource}`,
        underlined: 'Listen 80',
      },
    ],
  },
  {
    name: 'a virtual host sets its own KeepAliveTimeout, in milliseconds (httpd 2.3.2+)',
    files: { 'apache/conf.d/app.conf': vhost('*:8080', '    KeepAliveTimeout 500ms\n') },
    endpoints: [{ port: 8080, idle: 500, description: 'KeepAliveTimeout', underlined: '500ms' }],
  },
  {
    name: 'KeepAlive Off keeps nothing alive; KeepAliveTimeout 0 neither',
    files: {
      'apache/conf.d/off.conf': vhost('*:8080', '    KeepAlive Off\n'),
      'apache/conf.d/zero.conf': vhost('*:8081', '    KeepAliveTimeout 0\n'),
    },
    endpoints: [
      { port: 8080, keepsAlive: false, idle: 5000 },
      { port: 8081, keepsAlive: false, idle: 0 },
    ],
  },
  {
    name: "name-based virtual hosts on one address: one without KeepAliveTimeout takes the first one's",
    files: {
      'apache/sites-enabled/sites.conf': `${vhost('*:8080', '    KeepAliveTimeout 30\n')}${vhost('*:8080')}`,
    },
    endpoints: [
      { port: 8080, idle: 30_000 },
      { port: 8080, idle: 30_000 },
    ],
  },
  {
    name: 'minutes (mi) and hours (h) as ap_timeout_parameter_parse reads them; a value httpd refuses is unknown',
    files: {
      'apache/conf.d/a.conf': vhost('*:8080', '    KeepAliveTimeout 2mi\n'),
      'apache/conf.d/b.conf': vhost('*:8081', '    KeepAliveTimeout 5x\n'),
    },
    endpoints: [
      { port: 8080, idle: 120_000 },
      { port: 8081, idle: 'unknown', unknown: 'not a time httpd reads' },
    ],
  },
  {
    name: 'sections inside <IfModule> count; a <Directory> does not hide the virtual host around it',
    files: {
      'apache/httpd.conf':
        'ServerRoot /etc/httpd\nListen 80\nListen 8080\n<IfModule mod_proxy.c>\n  <VirtualHost *:8080>\n    <Directory /srv>\n      Require all granted\n    </Directory>\n    KeepAliveTimeout 15\n  </VirtualHost>\n</IfModule>\n',
    },
    endpoints: [
      { label: 'apache/httpd.conf, Apache httpd VirtualHost *:8080', port: 8080, idle: 15_000 },
      { label: 'apache/httpd.conf, Apache httpd Listen 80', port: 80, idle: 5000 },
    ],
  },
];
