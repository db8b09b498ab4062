// What each Node.js application makes as an endpoint: the servers its sources start, their port,
// and when Node.js closes their idle connections (keepAliveTimeout + its buffer) by what decides it.
import type { EndpointCase } from '../cases';
import { fastifyDefault, keepAliveDefaults } from './defaults';

const app = (dependencies: Record<string, string> = { express: '^4.19.2' }, extra = '') =>
  `{\n  "name": "shop",\n  "scripts": { "start": "node src/server.js" },${extra}\n  "dependencies": ${JSON.stringify(dependencies)}\n}\n`;
const express = (body: string) => `const express = require('express');\nconst app = express();\n${body}`;
const compose = (environment = '', build = './app') =>
  `services:\n  app:\n    build: ${build}\n${environment ? `    environment:\n${environment}` : ''}  nginx:\n    image: nginx:1.27\n`;
const nodeDefault = (version: number) => `Node.js ${version}, ${keepAliveDefaults.source}`;

export const cases: EndpointCase[] = [
  {
    name: 'http.createServer with nothing set: Node.js 24 assumed, 5000 ms + the 1000 ms buffer, the call underlined',
    files: {
      'app/package.json': app({}),
      'app/server.js':
        "const http = require('node:http');\nconst server = http.createServer((req, res) => res.end('ok'));\nserver.listen(3000);\n",
    },
    endpoints: [
      {
        label: 'app/server.js, Node.js http server on port 3000',
        port: 3000,
        protocol: 'http',
        keepsAlive: true,
        idle: 6000,
        origin: 'default',
        assumed: nodeDefault(24),
        underlined: "http.createServer((req, res) => res.end('ok'))",
      },
    ],
  },
  {
    name: 'Express: server = app.listen(process.env.PORT || 3000), keepAliveTimeout assigned a literal',
    files: {
      'app/package.json': app(),
      'app/src/server.js': express('const server = app.listen(process.env.PORT || 3000);\nserver.keepAliveTimeout = 65000;\n'),
    },
    endpoints: [{ port: 3000, idle: 66_000, origin: 'code', setting: 'keepAliveTimeout', underlined: '65000' }],
  },
  {
    name: "compose's PORT decides the port of listen(process.env.PORT || 3000)",
    files: {
      'app/package.json': app(),
      'app/src/server.js': express('app.listen(process.env.PORT || 3000);\n'),
      'docker-compose.yml': compose('      PORT: "8080"\n'),
    },
    endpoints: [{ port: 8080, idle: 6000 }],
  },
  {
    name: 'a constant of the file with numeric separators; the raise rewrites its literal',
    files: {
      'app/package.json': app(),
      'app/src/server.ts':
        "import express from 'express';\nconst KEEP_ALIVE_MS: number = 75_000;\nconst app = express();\nconst server = app.listen(8080, () => console.log('up'));\nserver.keepAliveTimeout = KEEP_ALIVE_MS;\n",
    },
    endpoints: [{ port: 8080, idle: 76_000, underlined: '75_000' }],
  },
  {
    name: 'keepAliveTimeout = 0: no keep-alive timeout, idle connections stay open',
    files: { 'app/package.json': app(), 'app/src/server.js': express('const server = app.listen(3000);\nserver.keepAliveTimeout = 0;\n') },
    endpoints: [{ idle: 'never', origin: 'code' }],
  },
  {
    name: 'a value the code computes is not known',
    files: {
      'app/package.json': app(),
      'app/src/server.js': express('const server = app.listen(3000);\nserver.keepAliveTimeout = config.timeouts.keepAlive;\n'),
    },
    endpoints: [{ idle: 'unknown', unknown: 'set in code, value not known', underlined: 'config.timeouts.keepAlive' }],
  },
  {
    name: 'an environment variable with a fallback: the fallback when the deployment does not set it',
    files: {
      'app/package.json': app(),
      'app/src/server.js': express(
        'const server = app.listen(3000);\nserver.keepAliveTimeout = Number(process.env.KEEP_ALIVE_TIMEOUT_MS) || 61000;\n',
      ),
    },
    endpoints: [{ idle: 62_000, origin: 'code', underlined: '61000' }],
  },
  {
    name: 'an environment variable the compose file sets decides, underlined there',
    files: {
      'app/package.json': app(),
      'app/src/server.js': express(
        'const server = app.listen(3000);\nserver.keepAliveTimeout = Number(process.env.KEEP_ALIVE_TIMEOUT_MS) || 61000;\n',
      ),
      'docker-compose.yml': compose('      KEEP_ALIVE_TIMEOUT_MS: "4000"\n'),
    },
    endpoints: [{ idle: 5000, origin: 'environment', underlined: 'KEEP_ALIVE_TIMEOUT_MS: "4000"' }],
  },
  {
    name: "Fastify's own default, 72000 ms",
    files: {
      'app/package.json': app({ fastify: '^5.0.0' }),
      'app/src/server.js': "const fastify = require('fastify')({ logger: true });\nfastify.listen({ port: 3000, host: '0.0.0.0' });\n",
    },
    endpoints: [
      { port: 3000, idle: fastifyDefault.ms + 1000, origin: 'default', underlined: "fastify.listen({ port: 3000, host: '0.0.0.0' })" },
    ],
  },
  {
    name: "Fastify's keepAliveTimeout option",
    files: {
      'app/package.json': app({ fastify: '^5.0.0' }),
      'app/src/server.mjs':
        "import Fastify from 'fastify';\nconst app = Fastify({ keepAliveTimeout: 30000 });\nawait app.listen({ port: 3000 });\n",
    },
    endpoints: [{ idle: 31_000, origin: 'code', underlined: '30000' }],
  },
  {
    name: 'NestJS: app.listen(3000) with the server from getHttpServer()',
    files: {
      'app/package.json': app({ '@nestjs/core': '^10.0.0' }),
      'app/src/main.ts':
        "import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\n\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  app.getHttpServer().keepAliveTimeout = 61_000;\n  await app.listen(3000);\n}\nbootstrap();\n",
    },
    endpoints: [{ label: 'app/src/main.ts, Node.js NestJS server on port 3000', port: 3000, idle: 62_000, underlined: '61_000' }],
  },
  {
    name: 'Koa: app.listen() makes the server, Node.js default',
    files: {
      'app/package.json': app({ koa: '^2.15.0' }),
      'app/index.js': "const Koa = require('koa');\nconst app = new Koa();\napp.listen(4000);\n",
    },
    endpoints: [{ port: 4000, idle: 6000, underlined: 'app.listen(4000)' }],
  },
  {
    name: 'FROM node:18 in the Dockerfile the compose service builds: Node.js 18 closes at keepAliveTimeout itself',
    files: {
      'app/package.json': app(),
      'app/src/server.js': express('app.listen(3000);\n'),
      'app/Dockerfile': 'FROM node:18-alpine\nWORKDIR /app\nCOPY . .\nCMD ["node", "src/server.js"]\n',
      'docker-compose.yml': compose(),
    },
    endpoints: [{ idle: 5000, assumed: nodeDefault(18) }],
  },
  {
    name: 'a Dockerfile no compose service builds still names the image: its folder holds the application',
    files: {
      'app/package.json': app(),
      'app/src/server.js': express('app.listen(process.env.PORT || 3000);\n'),
      'app/Dockerfile': 'FROM node:16\nENV PORT=8080\nCMD ["node", "src/server.js"]\n',
    },
    endpoints: [{ port: 8080, idle: 5000, assumed: nodeDefault(16) }],
  },
  {
    name: 'the image tag from a later major: 65000 ms, the default since nodejs/node#62782',
    files: {
      'app/package.json': app(),
      'app/src/server.js': express('app.listen(3000);\n'),
      'app/Dockerfile': 'FROM node:27-slim AS run\nCMD ["node", "src/server.js"]\n',
      'docker-compose.yml': compose(),
    },
    endpoints: [{ idle: 66_000, assumed: nodeDefault(27) }],
  },
  {
    name: '.nvmrc names the version when no image does; the image wins over it',
    files: {
      'app/package.json': app(),
      'app/.nvmrc': 'lts/hydrogen\n',
      'app/src/server.js': express('app.listen(3000);\n'),
    },
    endpoints: [{ idle: 5000, assumed: nodeDefault(18) }],
  },
  {
    name: 'engines.node naming one major line',
    files: {
      'app/package.json': app(undefined, '\n  "engines": { "node": "20.x" },'),
      'app/src/server.js': express('app.listen(3000);\n'),
    },
    endpoints: [{ idle: 6000, assumed: nodeDefault(20) }],
  },
  {
    name: 'Next.js standalone: PORT and KEEP_ALIVE_TIMEOUT from the deployment',
    files: {
      'app/package.json': app({ next: '15.0.0' }),
      'docker-compose.yml': compose('      PORT: "3001"\n      KEEP_ALIVE_TIMEOUT: "70000"\n'),
    },
    endpoints: [{ label: 'app/package.json, Node.js Next.js server on port 3001', port: 3001, idle: 71_000, origin: 'environment' }],
  },
  {
    name: "next start's -p and --keepAliveTimeout in scripts.start, the number underlined in package.json",
    files: {
      'app/package.json':
        '{\n  "name": "web",\n  "scripts": { "start": "next start -p 4000 --keepAliveTimeout 70000" },\n  "dependencies": { "next": "15.0.0" }\n}\n',
    },
    endpoints: [{ port: 4000, idle: 71_000, origin: 'written', underlined: '70000' }],
  },
  {
    name: 'a library that starts no server serves nothing, whatever its tests start',
    files: {
      'lib/package.json': '{ "name": "util", "main": "index.js" }\n',
      'lib/index.js': "const http = require('http');\nmodule.exports = () => http.createServer().listen(0);\n",
    },
    endpoints: [],
  },
  {
    name: "tests and fixtures are not the application's server; net and http2 servers are no HTTP/1 server",
    files: {
      'app/package.json': app(),
      'app/test/server.test.js': express('app.listen(9999);\n'),
      'app/src/tcp.js': "const net = require('net');\nnet.createServer(() => {}).listen(7000);\n",
    },
    endpoints: [],
  },
  {
    name: 'build output is read only when the sources start no server: one endpoint, not two',
    files: {
      'app/package.json': app(),
      'app/src/server.ts': "import express from 'express';\nconst app = express();\napp.listen(3000);\n",
      'app/dist/server.js': "const express = require('express');\nconst app = express();\napp.listen(3000);\n",
    },
    endpoints: [{ label: 'app/src/server.ts, Node.js Express server on port 3000', idle: 6000 }],
  },
  {
    name: 'a workspace package reads its own sources only',
    files: {
      'package.json': '{ "name": "mono", "private": true, "workspaces": ["packages/*"], "scripts": { "start": "npm -w api start" } }\n',
      'packages/api/package.json': app(),
      'packages/api/src/server.js': express('app.listen(3000);\n'),
    },
    endpoints: [{ label: 'packages/api/src/server.js, Node.js Express server on port 3000', idle: 6000 }],
  },
];
