import type { CheckCases } from '../cases';

const compose = 'docker-compose.yml';
const nginx = 'nginx/conf.d/default.conf';
const site = 'server {\n    listen 80;\n    location / {\n        proxy_pass http://app:8080;\n    }\n}\n';

export const cases: CheckCases = {
  valid: [
    {
      name: 'services with ports, mounts and an image tag',
      files: {
        [compose]:
          'services:\n  proxy:\n    image: nginx:1.27.3-alpine\n    ports: ["80:80"]\n    volumes:\n      - ./nginx/conf.d:/etc/nginx/conf.d:ro\n  app:\n    build: ./app\n    expose: ["8080"]\n',
        [nginx]: site,
      },
    },
    {
      name: 'a Dockerfile copying nginx.conf, and a .env beside compose',
      files: {
        'proxy/Dockerfile': 'FROM nginx:1.26.2\nCOPY nginx.conf /etc/nginx/nginx.conf\nEXPOSE 80\n',
        'proxy/nginx.conf': 'events {}\nhttp {\n    server {\n        listen 80;\n    }\n}\n',
        '.env': 'APP_PORT=8080\n',
        [compose]: 'services:\n  app:\n    image: tomcat:10\n    ports: ["${APP_PORT}:8080"]\n',
      },
    },
  ],
  invalid: [
    {
      name: 'YAML compose cannot load',
      files: { [compose]: 'services:\n  proxy:\n    image: nginx:1.27\n    ports: "80:80\n' },
      findings: [{ file: compose, line: 5, text: '', severity: 'error', message: ['YAML', 'quote'] }],
    },
    {
      name: 'a .env line that is no NAME=value',
      files: { '.env': 'APP_PORT=8080\nthis is not a variable\n', [compose]: 'services:\n  app:\n    image: tomcat:10\n' },
      findings: [{ file: '.env', line: 2, text: 'this is not a variable', severity: 'warning', message: ['NAME=value'] }],
    },
    {
      name: 'a Dockerfile COPY without a destination',
      files: { 'proxy/Dockerfile': 'FROM nginx:1.27\nCOPY nginx.conf\n' },
      findings: [
        { file: 'proxy/Dockerfile', line: 2, text: 'COPY nginx.conf', severity: 'warning', message: ['needs a source and a destination'] },
      ],
    },
  ],
};
