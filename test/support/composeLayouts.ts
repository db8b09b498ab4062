// Repositories run by docker-compose (issue 13, item 3): nginx's files bind-mounted or COPY'd to
// /etc/nginx from folders that do not mirror it, upstreams that reach a service by its name or
// through a published port, the nginx version taken from the image tag, a port from `.env`. Each
// case gives exactly the findings listed, reads exactly the nginx files listed and makes exactly
// the links listed (as the CLI prints them). Part of realLayouts.ts's layoutCases.
import type { LayoutCase } from './realLayouts';

/** Tomcat closing idle connections after `ms` on `port`. */
const tomcat = (port: number, ms: number) =>
  `<Server port="-1">\n  <Service name="Catalina">\n    <Connector port="${port}" protocol="HTTP/1.1" connectionTimeout="${ms}"/>\n  </Service>\n</Server>\n`;

const connector = (file: string, port: number) => `${file}, Connector port ${port} (Service Catalina)`;

export const composeLayouts: LayoutCase[] = [
  {
    name: 'compose: sites-enabled links to /etc/nginx/sites-available, which a mount places in a folder named otherwise',
    files: {
      'docker-compose.yml': `services:
  proxy:
    image: nginx:1.27.3
    volumes:
      - ./conf/nginx.conf:/etc/nginx/nginx.conf:ro
      - ./conf/available:/etc/nginx/sites-available:ro
      - ./conf/sites-enabled:/etc/nginx/sites-enabled:ro
  tomcat:
    image: tomcat:10.1
    volumes:
      - ./tomcat/conf:/usr/local/tomcat/conf:ro
`,
      'conf/nginx.conf': 'events {}\n\nhttp {\n    include /etc/nginx/sites-enabled/*;\n}\n',
      'conf/available/app': `upstream app {
    server tomcat:8080;
    keepalive 16;
}

server {
    listen 80;
    location / {
        proxy_http_version 1.1;
        proxy_set_header Connection "";
        proxy_pass http://app;
    }
}
`,
      'tomcat/conf/server.xml': tomcat(8080, 7000),
    },
    // Absolute, as Debian's tools make them: only the compose mount says where the target is.
    symlinks: { 'conf/sites-enabled/app': '/etc/nginx/sites-available/app' },
    expect: [
      { code: 'keepalive-race', file: 'conf/available/app', severity: 'warning' },
      { code: 'keepalive-race', file: 'tomcat/conf/server.xml', severity: 'warning' },
    ],
    exact: true,
    nginxFiles: ['conf/available/app', 'conf/nginx.conf'],
    links: [`upstream app, server tomcat:8080 -> ${connector('tomcat/conf/server.xml', 8080)} (via compose service tomcat, port 8080)`],
  },
  {
    name: 'compose: conf.d and snippets bind-mounted from folders named otherwise, services reached by name, nginx 1.25.3 from the image tag',
    files: {
      'docker-compose.yml': `services:
  proxy:
    image: nginx:1.25.3-alpine
    ports:
      - "80:80"
    volumes:
      - ./proxy/sites:/etc/nginx/conf.d:ro
      - ./proxy/common:/etc/nginx/snippets:ro
    depends_on: [app, api]
  app:
    build: ./app
    expose: ["8080"]
  api:
    build:
      context: ./api
    expose: ["8080"]
`,
      'app/Dockerfile': 'FROM tomcat:10.1-jdk17\nCOPY conf/server.xml /usr/local/tomcat/conf/server.xml\n',
      'app/conf/server.xml': tomcat(8080, 7000),
      'api/Dockerfile': 'FROM tomcat:10.1-jdk17\nCOPY conf/server.xml /usr/local/tomcat/conf/server.xml\n',
      'api/conf/server.xml': tomcat(8080, 5000),
      // Not in any service: by port alone it would be linked too.
      'legacy/conf/server.xml': tomcat(8080, 3000),
      'proxy/sites/default.conf': `upstream app {
    server app:8080;
    keepalive 16;
}

# No keepalive: nginx 1.25.3 does not reuse these connections (1.29.7 and later would).
upstream api {
    server api:8080;
}

server {
    listen 80;

    location / {
        include /etc/nginx/snippets/upstream-keepalive.conf;
        proxy_pass http://app;
    }

    location /api/ {
        proxy_pass http://api;
    }
}
`,
      'proxy/common/upstream-keepalive.conf': 'proxy_http_version 1.1;\nproxy_set_header Connection "";\n',
    },
    expect: [
      { code: 'keepalive-race', file: 'proxy/sites/default.conf', severity: 'warning' },
      { code: 'keepalive-race', file: 'app/conf/server.xml', severity: 'warning' },
    ],
    exact: true,
    nginxFiles: ['proxy/common/upstream-keepalive.conf', 'proxy/sites/default.conf'],
    links: [
      `upstream api, server api:8080 -> ${connector('api/conf/server.xml', 8080)} (via compose service api, port 8080)`,
      `upstream app, server app:8080 -> ${connector('app/conf/server.xml', 8080)} (via compose service app, port 8080)`,
    ],
  },
  {
    name: 'compose: nginx.conf mounted as the main file, host.docker.internal:8081 published from .env as 8081:8080, stable tag assumed',
    files: {
      '.env': '# the port the backend is published on\nBACKEND_PORT=8081\n',
      'docker-compose.yml': `services:
  proxy:
    image: nginx:stable-alpine
    ports:
      - "80:80"
    extra_hosts:
      - "host.docker.internal:host-gateway"
    volumes:
      - ./deploy/nginx.conf:/etc/nginx/nginx.conf:ro
      - ./deploy/upstream.conf:/etc/nginx/conf.d/upstream.conf:ro
  backend:
    build: ./backend
    ports:
      - "\${BACKEND_PORT:-9000}:8080"
`,
      'deploy/nginx.conf': `events {}

http {
    include /etc/nginx/conf.d/upstream.conf;

    server {
        listen 80;
        location / {
            proxy_pass http://backend_pool;
        }
    }
}
`,
      'deploy/upstream.conf': 'upstream backend_pool {\n    server host.docker.internal:8081;\n}\n',
      'backend/Dockerfile': 'FROM tomcat:9.0\nCOPY conf/ /usr/local/tomcat/conf/\n',
      'backend/conf/server.xml': tomcat(8080, 7000),
      // Listens on 8081 itself, but nothing publishes it: the published port leads to backend's 8080.
      'other/conf/server.xml': tomcat(8081, 3000),
    },
    expect: [
      // The stable tag's version is said as assumed, where the message says what nginx does by default.
      {
        code: 'keepalive-race',
        file: 'deploy/upstream.conf',
        severity: 'warning',
        related: /nginx:stable-alpine: follows the stable branch 1\.30\.x.*\(assumed\)/,
      },
      { code: 'keepalive-race', file: 'backend/conf/server.xml', severity: 'warning' },
    ],
    exact: true,
    nginxFiles: ['deploy/nginx.conf', 'deploy/upstream.conf'],
    links: [
      `upstream backend_pool, server host.docker.internal:8081 -> ${connector('backend/conf/server.xml', 8080)} (via compose service backend (a published port), port 8080)`,
    ],
  },
  {
    name: 'compose: a Dockerfile COPYing nginx.conf and its sites, FROM nginx:1.24.0; Tomcat mounts its server.xml',
    files: {
      'compose.yaml': `services:
  web:
    build:
      context: ./proxy
    ports: ["80:80"]
  app:
    image: tomcat:9.0
    volumes:
      - type: bind
        source: ./tomcat/conf/server.xml
        target: /usr/local/tomcat/conf/server.xml
`,
      'proxy/Dockerfile': 'FROM nginx:1.24.0\nCOPY nginx.conf /etc/nginx/nginx.conf\nCOPY sites/ /etc/nginx/sites/\nEXPOSE 80\n',
      'proxy/nginx.conf': 'events {}\n\nhttp {\n    include sites/*.conf;\n}\n',
      'proxy/sites/app.conf': `upstream app {
    server app:8080;
    keepalive 8;
}

# nginx 1.24.0 keeps no connections to an upstream without keepalive.
upstream plain {
    server app:8080;
}

server {
    listen 80;
    location / {
        proxy_http_version 1.1;
        proxy_set_header Connection "";
        proxy_pass http://app;
    }
    location /plain/ {
        proxy_pass http://plain;
    }
}
`,
      'tomcat/conf/server.xml': tomcat(8080, 7000),
    },
    expect: [
      { code: 'keepalive-race', file: 'proxy/sites/app.conf', severity: 'warning' },
      { code: 'keepalive-race', file: 'tomcat/conf/server.xml', severity: 'warning' },
    ],
    exact: true,
    nginxFiles: ['proxy/nginx.conf', 'proxy/sites/app.conf'],
    links: [
      `upstream app, server app:8080 -> ${connector('tomcat/conf/server.xml', 8080)} (via compose service app, port 8080)`,
      `upstream plain, server app:8080 -> ${connector('tomcat/conf/server.xml', 8080)} (via compose service app, port 8080)`,
    ],
  },
  {
    name: 'compose: a Go API (net/http, ReadTimeout only) and a gin admin service behind the official nginx image',
    files: {
      'docker-compose.yml': `services:
  nginx:
    image: nginx:1.27-alpine
    ports: ["80:80"]
    volumes:
      - ./deploy/nginx/default.conf:/etc/nginx/conf.d/default.conf:ro
  api:
    build: ./api
    environment:
      PORT: "8080"
  admin:
    build: ./admin
`,
      'deploy/nginx/default.conf': `upstream api {
    server api:8080;
    keepalive 32;
}

upstream admin {
    server admin:8080;
    keepalive 8;
}

server {
    listen 80;
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    location /api/ {
        proxy_pass http://api;
    }
    location /admin/ {
        proxy_pass http://admin;
    }
}
`,
      'api/Dockerfile':
        'FROM golang:1.22-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /api ./cmd/api\n\nFROM alpine:3.20\nCOPY --from=build /api /api\nCMD ["/api"]\n',
      'api/go.mod': 'module github.com/example/shop/api\n\ngo 1.22\n\nrequire github.com/go-chi/chi/v5 v5.0.12\n',
      'api/go.sum': 'github.com/go-chi/chi/v5 v5.0.12 h1:9euLV5sTrTNTRUU9POmDUvfxyj6LAABLUcEWO+JJb4s=\n',
      'api/cmd/api/main.go': `package main

import (
\t"log"
\t"net/http"
\t"os"
\t"time"

\t"github.com/example/shop/api/internal/handlers"
)

func main() {
\tport := os.Getenv("PORT")
\tif port == "" {
\t\tport = "3000"
\t}
\tsrv := &http.Server{
\t\tAddr:         ":" + port,
\t\tHandler:      handlers.Routes(),
\t\tReadTimeout:  5 * time.Second,
\t\tWriteTimeout: 10 * time.Second,
\t}
\tlog.Fatal(srv.ListenAndServe())
}
`,
      'api/internal/handlers/handlers.go':
        'package handlers\n\nimport "net/http"\n\nfunc Routes() http.Handler {\n\treturn http.NewServeMux()\n}\n',
      'api/cmd/api/main_test.go':
        'package main\n\nimport (\n\t"net/http"\n\t"testing"\n)\n\nfunc TestServer(t *testing.T) {\n\t_ = &http.Server{Addr: ":1", IdleTimeout: 1}\n}\n',
      'api/vendor/github.com/go-chi/chi/v5/chi.go':
        'package chi\n\nimport "net/http"\n\nfunc ListenAndServe() { http.ListenAndServe(":2", nil) }\n',
      'admin/go.mod': 'module github.com/example/shop/admin\n\ngo 1.21\n\nrequire github.com/gin-gonic/gin v1.10.0\n',
      'admin/main.go':
        'package main\n\nimport "github.com/gin-gonic/gin"\n\nfunc main() {\n\tr := gin.Default()\n\tr.GET("/admin/health", func(c *gin.Context) { c.String(200, "ok") })\n\tr.Run()\n}\n',
    },
    expect: [
      {
        code: 'keepalive-race',
        file: 'deploy/nginx/default.conf',
        severity: 'warning',
        message: /Go closes idle connections after 5s, nginx keeps them 60s/,
      },
      {
        code: 'keepalive-race',
        file: 'api/cmd/api/main.go',
        severity: 'warning',
        message: /keeps idle connections 60s, Go closes them after 5s/,
      },
    ],
    exact: true,
    nginxFiles: ['deploy/nginx/default.conf'],
    links: [
      'upstream admin, server admin:8080 -> admin/main.go, Go gin server (net/http) on port 8080 (via compose service admin, port 8080)',
      'upstream api, server api:8080 -> api/cmd/api/main.go, Go net/http server on port 8080 (via compose service api, port 8080)',
    ],
  },
  {
    name: "compose: Debian's apache2 behind nginx, both with sites-enabled/ folders; apache2.conf's KeepAliveTimeout 5 decides",
    files: {
      'docker-compose.yml': `services:
  nginx:
    image: nginx:1.26
    volumes:
      - ./nginx/nginx.conf:/etc/nginx/nginx.conf:ro
      - ./nginx/sites-enabled:/etc/nginx/sites-enabled:ro
  legacy:
    build: ./apache
`,
      'nginx/nginx.conf': 'events {}\n\nhttp {\n    include /etc/nginx/sites-enabled/*;\n}\n',
      'nginx/sites-enabled/legacy.conf': `upstream legacy {
    server legacy:8080;
    keepalive 16;
}

server {
    listen 80;
    server_name legacy.example.com;
    location / {
        proxy_http_version 1.1;
        proxy_set_header Connection "";
        proxy_pass http://legacy;
    }
}
`,
      'apache/Dockerfile':
        'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y apache2\nCOPY . /etc/apache2/\nCMD ["apache2ctl", "-D", "FOREGROUND"]\n',
      'apache/apache2.conf': `DefaultRuntimeDir \${APACHE_RUN_DIR}
PidFile \${APACHE_PID_FILE}
Timeout 300
KeepAlive On
MaxKeepAliveRequests 100
KeepAliveTimeout 5
User \${APACHE_RUN_USER}
Group \${APACHE_RUN_GROUP}
HostnameLookups Off
ErrorLog \${APACHE_LOG_DIR}/error.log
LogLevel warn
IncludeOptional mods-enabled/*.load
IncludeOptional mods-enabled/*.conf
Include ports.conf
<Directory />
\tOptions FollowSymLinks
\tAllowOverride None
\tRequire all denied
</Directory>
AccessFileName .htaccess
IncludeOptional conf-enabled/*.conf
IncludeOptional sites-enabled/*.conf
`,
      'apache/ports.conf': 'Listen 8080\n\n<IfModule ssl_module>\n\tListen 443\n</IfModule>\n',
      'apache/mods-enabled/proxy.load': 'LoadModule proxy_module /usr/lib/apache2/modules/mod_proxy.so\n',
      'apache/conf-enabled/security.conf': 'ServerTokens Prod\nServerSignature Off\nTraceEnable Off\n',
      'apache/sites-enabled/legacy.conf': `<VirtualHost *:8080>
\tServerName legacy.example.com
\tDocumentRoot /var/www/legacy
\tErrorLog \${APACHE_LOG_DIR}/legacy-error.log
</VirtualHost>
`,
    },
    expect: [
      {
        code: 'keepalive-race',
        file: 'nginx/sites-enabled/legacy.conf',
        severity: 'warning',
        message: /Apache httpd closes idle connections after 5s, nginx keeps them 60s/,
      },
      {
        code: 'keepalive-race',
        file: 'apache/apache2.conf',
        severity: 'warning',
        message: /keeps idle connections 60s, Apache httpd closes them after 5s/,
      },
    ],
    exact: true,
    nginxFiles: ['nginx/nginx.conf', 'nginx/sites-enabled/legacy.conf'],
    links: [
      'upstream legacy, server legacy:8080 -> apache/sites-enabled/legacy.conf, Apache httpd VirtualHost *:8080 (via compose service legacy, port 8080)',
    ],
  },
  {
    name: "compose: self-hosted Sentry's nginx in front of uWSGI's http router with http-keepalive 15",
    files: {
      'docker-compose.yml': `x-sentry-defaults: &sentry_defaults
  image: getsentry/sentry:nightly
  volumes:
    - ./sentry:/etc/sentry
services:
  web:
    <<: *sentry_defaults
    command: run web
  nginx:
    image: nginx:1.29.7-alpine
    ports: ["9000:80"]
    volumes:
      - ./nginx:/etc/nginx
`,
      'nginx/nginx.conf': `user nginx;
worker_processes auto;
events {
    worker_connections 1024;
}
http {
    upstream sentry {
        server web:9000;
        keepalive 2;
    }
    server {
        listen 80;
        location / {
            proxy_pass http://sentry;
        }
    }
}
`,
      'sentry/sentry.conf.py': `from sentry.conf.server import *  # NOQA

SENTRY_WEB_HOST = "0.0.0.0"
SENTRY_WEB_PORT = 9000
SENTRY_WEB_OPTIONS = {
    "http": "%s:%s" % (SENTRY_WEB_HOST, SENTRY_WEB_PORT),
    "protocol": "uwsgi",
    # This is needed in order to prevent the uwsgi socket sentry sets by default
    "uwsgi-socket": None,
    "so-keepalive": True,
    # Keep this between 15s-75s as that's what Relay supports
    "http-keepalive": 15,
    "http-chunked-input": True,
    "workers": 3,
    "threads": 4,
}
`,
    },
    expect: [
      {
        code: 'keepalive-race',
        file: 'nginx/nginx.conf',
        severity: 'warning',
        message: /uWSGI closes idle connections after 15s, nginx keeps them 60s/,
      },
      {
        code: 'keepalive-race',
        file: 'sentry/sentry.conf.py',
        severity: 'warning',
        message: /keeps idle connections 60s, uWSGI closes them after 15s/,
      },
    ],
    exact: true,
    nginxFiles: ['nginx/nginx.conf'],
    links: ['upstream sentry, server web:9000 -> sentry/sentry.conf.py, uWSGI http 0.0.0.0:9000 (via compose service web, port 9000)'],
  },
];
