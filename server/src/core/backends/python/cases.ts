// What each Python application makes as an endpoint: the server its start command names, the
// worker that decides whether gunicorn keeps anything alive, and the idle timeout by each server's
// precedence (gunicorn: config file < GUNICORN_CMD_ARGS < command line; uvicorn: UVICORN_* <
// command line, or uvicorn.run()'s arguments; Hypercorn: its -c file < command line).
import type { EndpointCase } from '../cases';
import { serverDefaults, sources } from './defaults';

const compose = (service: string) => `services:\n  app:\n    build: ./app\n${service}`;
const command = (line: string) => compose(`    command: ${line}\n`);
const gunicornDefault = `gunicorn 26.1.0, ${serverDefaults.gunicorn.keepAliveSource}`;
const uvicornDefault = `uvicorn 0.51.0, ${serverDefaults.uvicorn.keepAliveSource}`;

export const cases: EndpointCase[] = [
  {
    name: "gunicorn with nothing set: the sync worker answers Connection: close, so it keeps nothing alive (keepalive's 2 s aside)",
    files: { 'app/requirements.txt': 'Django==5.0.4\ngunicorn==22.0.0\n', 'app/Procfile': 'web: gunicorn mysite.wsgi\n' },
    endpoints: [
      {
        label: 'app/requirements.txt, gunicorn on port 8000',
        port: 8000,
        keepsAlive: false,
        idle: 2000,
        origin: 'default',
        assumed: `gunicorn 22.0.0, ${serverDefaults.gunicorn.keepAliveSource}`,
        underlined: 'gunicorn',
      },
    ],
  },
  {
    name: 'workers only (-w 4) is still the sync worker: nothing kept alive',
    files: { 'app/requirements.txt': 'gunicorn\n', 'docker-compose.yml': command('gunicorn -w 4 -b 0.0.0.0:8000 app:app') },
    endpoints: [{ keepsAlive: false, idle: 2000 }],
  },
  {
    name: 'gthread from the compose command: gunicorn closes idle connections after keepalive, 2 s by default',
    files: { 'app/requirements.txt': 'gunicorn\n', 'docker-compose.yml': command('gunicorn -k gthread -b 0.0.0.0:8000 app:app') },
    endpoints: [
      {
        keepsAlive: true,
        idle: 2000,
        origin: 'default',
        description: "keepalive unset, gunicorn's default; gthread worker; gunicorn version not pinned, 26.1.0 assumed",
        assumed: gunicornDefault,
        underlined: 'gunicorn',
      },
    ],
  },
  {
    name: '--threads 4 turns the sync worker class into gthread (gunicorn 19.0 and later)',
    files: { 'app/requirements.txt': 'gunicorn\n', 'docker-compose.yml': command('gunicorn --threads 4 app:app') },
    endpoints: [
      {
        keepsAlive: true,
        idle: 2000,
        description:
          "keepalive unset, gunicorn's default; gthread worker (threads 4 with the sync worker class); gunicorn version not pinned, 26.1.0 assumed",
      },
    ],
  },
  {
    name: 'before gunicorn 19.0 there were no threads: still the sync worker',
    files: { 'app/requirements.txt': 'gunicorn==18.0\n', 'docker-compose.yml': command('gunicorn --threads 4 app:app') },
    endpoints: [{ keepsAlive: false, idle: 2000 }],
  },
  {
    name: './gunicorn.conf.py is read without -c: keepalive, worker_class and bind from it',
    files: {
      'app/requirements.txt': 'gunicorn\n',
      'app/gunicorn.conf.py':
        'import multiprocessing\n\nbind = "0.0.0.0:8080"\nworkers = multiprocessing.cpu_count() * 2 + 1\nworker_class = "gevent"\nkeepalive = 5\n',
    },
    endpoints: [{ port: 8080, keepsAlive: true, idle: 5000, origin: 'written', setting: 'keepalive', underlined: '5' }],
  },
  {
    name: 'precedence: the command line beats GUNICORN_CMD_ARGS, which beats the config file',
    files: {
      'app/requirements.txt': 'gunicorn\n',
      'app/gunicorn.conf.py': 'worker_class = "gthread"\nkeepalive = 5\n',
      'docker-compose.yml': compose(
        '    command: gunicorn --keep-alive 20 app:app\n    environment:\n      GUNICORN_CMD_ARGS: "--keep-alive 10"\n',
      ),
    },
    endpoints: [
      {
        idle: 20_000,
        underlined: '20',
        description:
          '--keep-alive on the command of compose service app in docker-compose.yml; gthread worker; gunicorn version not pinned, 26.1.0 assumed',
      },
    ],
  },
  {
    name: 'GUNICORN_CMD_ARGS beats the config file',
    files: {
      'app/requirements.txt': 'gunicorn\n',
      'app/gunicorn.conf.py': 'worker_class = "gthread"\nkeepalive = 5\n',
      'docker-compose.yml': compose(
        '    command: gunicorn app:app\n    environment:\n      GUNICORN_CMD_ARGS: "--keep-alive 10 --bind 0.0.0.0:9000"\n',
      ),
    },
    endpoints: [{ idle: 10_000, port: 9000, origin: 'environment', underlined: '10' }],
  },
  {
    name: 'GUNICORN_CMD_ARGS means nothing before gunicorn 19.7.0',
    files: {
      'app/requirements.txt': 'gunicorn==19.6.0\n',
      'app/gunicorn.conf.py': 'worker_class = "gthread"\nkeepalive = 5\n',
      'docker-compose.yml': compose('    command: gunicorn app:app\n    environment:\n      GUNICORN_CMD_ARGS: "--keep-alive 10"\n'),
    },
    endpoints: [{ idle: 5000 }],
  },
  {
    name: '-c names the config file; ./gunicorn.conf.py is then not read',
    files: {
      'app/requirements.txt': 'gunicorn\n',
      'app/gunicorn.conf.py': 'worker_class = "gthread"\nkeepalive = 5\n',
      'app/config/gunicorn_prod.py': 'worker_class = "gevent"\nkeepalive = 9\n',
      'docker-compose.yml': command('gunicorn -c config/gunicorn_prod.py app:app'),
    },
    endpoints: [{ idle: 9000, underlined: '9' }],
  },
  {
    name: 'an absolute container path after -c is found by its tail in the application folder',
    files: {
      'app/requirements.txt': 'gunicorn\n',
      'app/deploy/gunicorn.py': 'worker_class = "gevent"\nkeepalive = 4\n',
      'docker-compose.yml': command('gunicorn --config=/srv/app/deploy/gunicorn.py app:app'),
    },
    endpoints: [{ idle: 4000 }],
  },
  {
    name: "a name gunicorn does not know (keep_alive) is ignored: keepalive's default stands",
    files: { 'app/requirements.txt': 'gunicorn\n', 'app/gunicorn.conf.py': 'worker_class = "gevent"\nkeep_alive = 30\n' },
    endpoints: [{ keepsAlive: true, idle: 2000, origin: 'default' }],
  },
  {
    name: "uvicorn's worker under gunicorn takes gunicorn's keepalive (2 s), not uvicorn's 5 s",
    files: {
      'app/requirements.txt': 'gunicorn\nuvicorn[standard]\nfastapi\n',
      'docker-compose.yml': command('gunicorn main:app -k uvicorn.workers.UvicornWorker -w 4 --bind 0.0.0.0:8000'),
    },
    endpoints: [
      {
        label: 'app/requirements.txt, gunicorn on port 8000',
        keepsAlive: true,
        idle: 2000,
        description:
          "keepalive unset, gunicorn's default; uvicorn.workers.UvicornWorker, which takes it as uvicorn's timeout_keep_alive; gunicorn version not pinned, 26.1.0 assumed",
      },
    ],
  },
  {
    name: "the tornado worker keeps connections for Tornado's own idle timeout, an hour",
    files: { 'app/requirements.txt': 'gunicorn\ntornado\n', 'docker-compose.yml': command('gunicorn -k tornado app:app') },
    endpoints: [{ keepsAlive: true, idle: 3_600_000, assumed: `gunicorn 26.1.0, ${sources.tornadoIdle}` }],
  },
  {
    name: 'keepalive 0 turns keep-alive off for gthread',
    files: { 'app/requirements.txt': 'gunicorn\n', 'docker-compose.yml': command('gunicorn -k gthread --keep-alive=0 app:app') },
    endpoints: [{ keepsAlive: false, idle: 0 }],
  },
  {
    name: 'eventlet: keepalive applies up to gunicorn 25; gunicorn 26 removed the worker, which then does not start',
    files: {
      'old/requirements.txt': 'gunicorn==25.3.0\neventlet\n',
      'old/gunicorn.conf.py': 'worker_class = "eventlet"\nkeepalive = 3\n',
      'new/requirements.txt': 'gunicorn==26.0.0\neventlet\n',
      'new/gunicorn.conf.py': 'worker_class = "eventlet"\nkeepalive = 3\n',
    },
    endpoints: [{ label: 'old/requirements.txt, gunicorn on port 8000', keepsAlive: true, idle: 3000 }],
  },
  {
    name: 'PORT in the environment and no bind: gunicorn binds 0.0.0.0:$PORT',
    files: {
      'app/requirements.txt': 'gunicorn\n',
      'docker-compose.yml': compose('    command: gunicorn -k gevent app:app\n    environment:\n      PORT: "5000"\n'),
    },
    endpoints: [{ port: 5000, idle: 2000 }],
  },
  {
    name: 'a Unix socket bind: nothing to link by port',
    files: { 'app/requirements.txt': 'gunicorn\n', 'app/gunicorn.conf.py': 'bind = ["unix:/run/app/gunicorn.sock"]\nthreads = 8\n' },
    endpoints: [
      { label: 'app/requirements.txt, gunicorn on socket /run/app/gunicorn.sock', port: undefined, keepsAlive: true, idle: 2000 },
    ],
  },
  {
    name: 'an environment lookup in gunicorn.conf.py: its default, or the variable compose sets',
    files: {
      'a/requirements.txt': 'gunicorn\n',
      'a/gunicorn.conf.py': 'import os\nworker_class = "gthread"\nkeepalive = int(os.environ.get("GUNICORN_KEEPALIVE", 65))\n',
      'b/requirements.txt': 'gunicorn\n',
      'b/gunicorn.conf.py': 'import os\nworker_class = "gthread"\nkeepalive = int(os.environ.get("GUNICORN_KEEPALIVE", 65))\n',
      'docker-compose.yml': 'services:\n  b:\n    build: ./b\n    environment:\n      GUNICORN_KEEPALIVE: "3"\n',
    },
    endpoints: [
      { label: 'a/requirements.txt, gunicorn on port 8000', idle: 65_000, origin: 'written', underlined: '65' },
      { label: 'b/requirements.txt, gunicorn on port 8000', idle: 3000, origin: 'environment', underlined: 'GUNICORN_KEEPALIVE: "3"' },
    ],
  },
  {
    name: "a Procfile's web process starts gunicorn (a shell: $PORT unknown without a value)",
    files: {
      'app/requirements.txt': 'gunicorn\n',
      'app/Procfile':
        'release: python manage.py migrate\nweb: gunicorn config.wsgi --bind 0.0.0.0:$PORT --worker-class gevent --keep-alive 4\n',
    },
    endpoints: [{ label: 'app/requirements.txt, gunicorn on port unknown', port: undefined, idle: 4000, underlined: '4' }],
  },
  {
    name: "a Dockerfile's exec-form CMD starts gunicorn",
    files: {
      'app/requirements.txt': 'gunicorn\n',
      'app/Dockerfile':
        'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD ["gunicorn", "--bind", "0.0.0.0:8001", "-k", "gthread", "app:app"]\n',
      'docker-compose.yml': compose(''),
    },
    endpoints: [{ port: 8001, keepsAlive: true, idle: 2000, underlined: 'gunicorn' }],
  },
  {
    name: "a Dockerfile's shell-form CMD runs under /bin/sh -c: its words are read and placed",
    files: {
      'app/requirements.txt': 'gunicorn\n',
      'app/Dockerfile': 'FROM python:3.12-slim\nENV PORT=8003\nCMD gunicorn app:app --bind 0.0.0.0:$PORT -k gevent --keep-alive 7\n',
      'docker-compose.yml': compose(''),
    },
    endpoints: [{ port: 8003, idle: 7000, underlined: '7' }],
  },
  {
    name: 'a worker class the Python computes is taken to keep alive (what races), and said so',
    files: {
      'app/requirements.txt': 'gunicorn\n',
      'app/gunicorn.conf.py': 'import os\nworker_class = "gevent" if os.name == "posix" else "sync"\n',
    },
    endpoints: [
      {
        keepsAlive: true,
        idle: 2000,
        description:
          "keepalive unset, gunicorn's default; worker (computed), taken to honour keepalive; gunicorn version not pinned, 26.1.0 assumed",
      },
    ],
  },
  {
    name: 'a Dockerfile no compose service builds starts the application in its folder',
    files: {
      'app/requirements.txt': 'gunicorn\n',
      'app/Dockerfile':
        'FROM python:3.12-slim\nENV GUNICORN_CMD_ARGS="--keep-alive 4"\nCMD ["gunicorn", "-b", "0.0.0.0:8004", "-k", "gevent", "app:app"]\n',
    },
    endpoints: [
      {
        port: 8004,
        idle: 4000,
        origin: 'environment',
        description: '--keep-alive in GUNICORN_CMD_ARGS of app/Dockerfile; gevent worker; gunicorn version not pinned, 26.1.0 assumed',
      },
    ],
  },
  {
    name: 'sh -c "migrate && gunicorn ...": the script after the shell is read',
    files: {
      'app/requirements.txt': 'gunicorn\n',
      'docker-compose.yml': command('sh -c "python manage.py migrate && gunicorn config.wsgi -b 0.0.0.0:8002 -k gevent --keep-alive 6"'),
    },
    endpoints: [{ port: 8002, idle: 6000, underlined: '6' }],
  },
  {
    name: 'a value gunicorn refuses is unknown (and an invalid-value error)',
    files: { 'app/requirements.txt': 'gunicorn\n', 'app/gunicorn.conf.py': 'worker_class = "gthread"\nkeepalive = 2.5\n' },
    endpoints: [{ idle: 'unknown', unknown: '"2.5" is not a whole number of seconds' }],
  },
  {
    name: 'uvicorn from the command line: 5 s by default, on the port it says',
    files: {
      'app/requirements.txt': 'fastapi\nuvicorn[standard]\n',
      'docker-compose.yml': command('uvicorn main:app --host 0.0.0.0 --port 8080'),
    },
    endpoints: [
      {
        label: 'app/requirements.txt, uvicorn on port 8080',
        port: 8080,
        keepsAlive: true,
        idle: 5000,
        origin: 'default',
        assumed: uvicornDefault,
        underlined: 'uvicorn',
      },
    ],
  },
  {
    name: 'uvicorn --timeout-keep-alive on the command',
    files: { 'app/requirements.txt': 'uvicorn\n', 'docker-compose.yml': command('["uvicorn", "main:app", "--timeout-keep-alive", "30"]') },
    endpoints: [{ idle: 30_000, setting: 'timeout_keep_alive', underlined: '30' }],
  },
  {
    name: 'UVICORN_TIMEOUT_KEEP_ALIVE and UVICORN_PORT from the environment (uvicorn 0.16.0 and later)',
    files: {
      'new/requirements.txt': 'uvicorn==0.30.0\n',
      'old/requirements.txt': 'uvicorn==0.15.0\n',
      'docker-compose.yml':
        'services:\n  new:\n    build: ./new\n    command: uvicorn main:app\n    environment:\n      UVICORN_TIMEOUT_KEEP_ALIVE: "15"\n      UVICORN_PORT: "7000"\n  old:\n    build: ./old\n    command: uvicorn main:app\n    environment:\n      UVICORN_TIMEOUT_KEEP_ALIVE: "15"\n',
    },
    endpoints: [
      {
        label: 'new/requirements.txt, uvicorn on port 7000',
        idle: 15_000,
        origin: 'environment',
        underlined: 'UVICORN_TIMEOUT_KEEP_ALIVE: "15"',
      },
      { label: 'old/requirements.txt, uvicorn on port 8000', idle: 5000, origin: 'default' },
    ],
  },
  {
    name: 'uvicorn.run() in the script the command runs: its keyword arguments decide',
    files: {
      'app/requirements.txt': 'uvicorn\nfastapi\n',
      'app/main.py':
        'import uvicorn\nfrom fastapi import FastAPI\n\napp = FastAPI()\n\nif __name__ == "__main__":\n    uvicorn.run(\n        "main:app",\n        host="0.0.0.0",\n        port=9000,\n        timeout_keep_alive=20,\n    )\n',
      'docker-compose.yml': command('python main.py'),
    },
    endpoints: [{ port: 9000, idle: 20_000, origin: 'code', setting: 'timeout_keep_alive', underlined: '20' }],
  },
  {
    name: "uvicorn.run() with no timeout and no command: uvicorn's 5 s",
    files: {
      'app/pyproject.toml': '[project]\nname = "api"\ndependencies = ["fastapi>=0.110", "uvicorn>=0.29"]\n',
      'app/server.py':
        'from uvicorn import run\nfrom api import app\n\nrun(app, host="0.0.0.0", port=int(os.environ.get("PORT", "8100")))\n',
    },
    endpoints: [{ label: 'app/pyproject.toml, uvicorn on port 8100', idle: 5000, origin: 'default' }],
  },
  {
    name: 'Hypercorn: --keep-alive on the command, else keep_alive_timeout in its -c TOML file, else 5 s',
    files: {
      'a/requirements.txt': 'hypercorn\n',
      'b/requirements.txt': 'hypercorn\n',
      'b/hypercorn.toml': 'bind = ["0.0.0.0:8300"]\nkeep_alive_timeout = 7.5\n',
      'c/requirements.txt': 'hypercorn\n',
      'docker-compose.yml':
        'services:\n  a:\n    build: ./a\n    command: hypercorn app:app --bind 0.0.0.0:8200 --keep-alive 10\n  b:\n    build: ./b\n    command: hypercorn -c hypercorn.toml app:app\n  c:\n    build: ./c\n    command: hypercorn app:app\n',
    },
    endpoints: [
      { label: 'a/requirements.txt, Hypercorn on port 8200', idle: 10_000, underlined: '10' },
      { label: 'b/requirements.txt, Hypercorn on port 8300', idle: 7500, underlined: '7.5' },
      { label: 'c/requirements.txt, Hypercorn on port 8000', idle: 5000, origin: 'default' },
    ],
  },
  {
    name: '`-r` includes: a requirements.txt naming only requirements/production.txt, which pins gunicorn',
    files: {
      'app/requirements.txt': '-r requirements/production.txt\n',
      'app/requirements/base.txt': 'Django==5.0.4\n',
      'app/requirements/production.txt': '-r base.txt\ngunicorn==21.2.0  # pinned\n',
      'app/gunicorn.conf.py': 'worker_class = "gevent"\n',
    },
    endpoints: [
      {
        label: 'app/requirements.txt, gunicorn on port 8000',
        idle: 2000,
        description: "keepalive unset, gunicorn's default; gevent worker; gunicorn 21.2.0 pinned",
      },
    ],
  },
  {
    name: 'a dependency alone starts nothing: no command, Procfile, gunicorn.conf.py or uvicorn.run(), no server',
    files: { 'app/requirements.txt': 'gunicorn\nuvicorn\n', 'app/main.py': 'import uvicorn  # started elsewhere\n' },
    endpoints: [],
  },
  {
    name: 'packages whose names only begin with a server name are other packages',
    files: { 'app/requirements.txt': 'uvicorn-worker==0.2.0\ngunicorn_thrift\nhypercorn.extra\n' },
    endpoints: [],
  },
  {
    name: 'one application per folder, whichever files it has; a project without a server, none',
    files: {
      'app/pyproject.toml': '[tool.poetry.dependencies]\npython = "^3.12"\ngunicorn = "21.2.0"\n',
      'app/requirements.txt': 'gunicorn==21.2.0\n',
      'app/requirements-dev.txt': 'pytest\n',
      'app/Procfile': 'web: gunicorn app:app -k gthread\n',
      'lib/requirements.txt': 'requests\n# gunicorn\n',
      'worker/Procfile': 'worker: celery -A tasks worker\n',
    },
    endpoints: [
      {
        label: 'app/pyproject.toml, gunicorn on port 8000',
        idle: 2000,
        assumed: `gunicorn 21.2.0, ${serverDefaults.gunicorn.keepAliveSource}`,
      },
    ],
  },
];
