// Fixes known to be broken (issue 11, item 5 and 6): the referees must reject each of them.
import type { Files } from './fixtures';

const conf = (location: string) =>
  `events {}\nhttp {\n    upstream app {\n        server app-backend:8080;\n        keepalive 16;\n    }\n    server {\n        listen 127.0.0.1:8000;\n        location / {\n${location}\n        }\n    }\n}\n`;

export const selfCheck: { nginx: Record<string, Files>; tomcat: Files } = {
  nginx: {
    'proxy_http_version inside if': {
      'nginx/nginx.conf': conf(
        '            if ($request_method = POST) {\n                proxy_pass http://app;\n                proxy_http_version 1.1;\n            }',
      ),
    },
    'proxy_set_header inside limit_except': {
      'nginx/nginx.conf': conf(
        '            limit_except GET {\n                proxy_pass http://app;\n                proxy_set_header Connection "";\n            }',
      ),
    },
    'a second proxy_http_version': {
      'nginx/nginx.conf': conf(
        '            proxy_http_version 1.0;\n            proxy_pass http://app;\n            proxy_http_version 1.1;',
      ),
    },
    'a proxy_set_header with one argument': {
      'nginx/nginx.conf': conf('            proxy_pass http://app;\n            proxy_set_header X-Only;'),
    },
    'keepalive_timeout in months in an upstream': {
      'nginx/nginx.conf': conf('            proxy_pass http://app;').replace(
        'keepalive 16;',
        'keepalive 16;\n        keepalive_timeout 1M;',
      ),
    },
  },
  tomcat: {
    'tomcat/conf/server.xml':
      '<?xml version="1.0" encoding="UTF-8"?>\n<Server port="-1" shutdown="SHUTDOWN">\n  <Service name="Catalina">\n    <Connector port="8080" connectionTimeout="20000" keepAliveTimeout="2592000000" />\n  </Service>\n</Server>\n',
  },
};
