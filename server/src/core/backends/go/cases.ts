// What each Go module makes as endpoints: one per server its sources start, with the idle timeout
// net/http (or the framework) closes connections at, and the port its address gives.
import type { EndpointCase } from '../cases';
import { echoV5Source, fiberSource, ginRunSource, netHttpIdleSource, zeroServerSource } from './defaults';

const goMod = (extra = '') => `module example.com/api\n\ngo 1.22\n${extra}`;
const main = (imports: string[], body: string, top = '') =>
  `package main\n\nimport (\n${imports.map((i) => `\t"${i}"\n`).join('')})\n${top}\nfunc main() {\n${body}}\n`;
const httpTime = ['net/http', 'time'];

export const cases: EndpointCase[] = [
  {
    name: 'http.Server with IdleTimeout: closes idle connections then, on the port of Addr',
    files: {
      'api/go.mod': goMod(),
      'api/main.go': main(
        httpTime,
        '\tsrv := &http.Server{Addr: ":8080", IdleTimeout: 90 * time.Second, ReadTimeout: 5 * time.Second}\n\tsrv.ListenAndServe()\n',
      ),
    },
    endpoints: [
      {
        label: 'api/main.go, Go net/http server on port 8080',
        port: 8080,
        protocol: 'http',
        keepsAlive: true,
        idle: 90_000,
        origin: 'code',
        setting: 'IdleTimeout',
        assumed: `Go 1.22, ${netHttpIdleSource}`,
        underlined: '90 * time.Second',
      },
    ],
  },
  {
    name: 'IdleTimeout zero: ReadTimeout applies',
    files: {
      'api/go.mod': goMod(),
      'api/main.go': main(
        httpTime,
        '\tsrv := &http.Server{\n\t\tAddr:        ":9000",\n\t\tReadTimeout: 5 * time.Second,\n\t}\n\tsrv.ListenAndServe()\n',
      ),
    },
    endpoints: [
      {
        port: 9000,
        idle: 5000,
        setting: 'ReadTimeout',
        description: 'ReadTimeout, IdleTimeout unset in main.go',
        underlined: '5 * time.Second',
      },
    ],
  },
  {
    name: 'both zero: no idle deadline at all (safe), the literal underlined',
    files: { 'api/go.mod': goMod(), 'api/main.go': main(['net/http'], '\tsrv := &http.Server{Addr: ":8080"}\n\tsrv.ListenAndServe()\n') },
    endpoints: [{ idle: 'never', origin: 'default', assumed: `Go 1.22, ${netHttpIdleSource}`, underlined: '&http.Server{Addr: ":8080"}' }],
  },
  {
    name: 'http.ListenAndServe serves a zero Server: no idle timeout',
    files: { 'api/go.mod': goMod(), 'api/main.go': main(['net/http'], '\thttp.ListenAndServe(":8081", nil)\n') },
    endpoints: [{ port: 8081, idle: 'never', assumed: `Go 1.22, ${zeroServerSource}`, underlined: 'http.ListenAndServe(":8081", nil)' }],
  },
  {
    name: 'minutes plus seconds, and a constant of the file (its value underlined)',
    files: {
      'api/go.mod': goMod(),
      'api/main.go': main(
        httpTime,
        '\tsrv := &http.Server{Addr: ":8080", IdleTimeout: idle}\n\tsrv.ListenAndServe()\n',
        '\nconst idle = 2*time.Minute + 30*time.Second\n',
      ),
    },
    endpoints: [{ idle: 150_000, underlined: '2*time.Minute + 30*time.Second' }],
  },
  {
    name: 'a const block and time.Minute alone',
    files: {
      'api/go.mod': goMod(),
      'api/main.go': main(
        httpTime,
        '\tsrv := &http.Server{Addr: ":8080", ReadTimeout: readTimeout}\n\tsrv.ListenAndServe()\n',
        '\nconst (\n\treadTimeout = time.Minute\n\tother       = 3\n)\n',
      ),
    },
    endpoints: [{ idle: 60_000, setting: 'ReadTimeout', underlined: 'time.Minute' }],
  },
  {
    name: 'an untyped number is nanoseconds, as time.Duration is',
    files: {
      'api/go.mod': goMod(),
      'api/main.go': main(['net/http'], '\tsrv := &http.Server{Addr: ":8080", IdleTimeout: 5_000_000_000}\n\tsrv.ListenAndServe()\n'),
    },
    endpoints: [{ idle: 5000, underlined: '5_000_000_000' }],
  },
  {
    name: 'a negative IdleTimeout means no timeout',
    files: {
      'api/go.mod': goMod(),
      'api/main.go': main(httpTime, '\tsrv := &http.Server{Addr: ":8080", IdleTimeout: -1}\n\tsrv.ListenAndServe()\n'),
    },
    endpoints: [{ idle: 'never', origin: 'code' }],
  },
  {
    name: 'a computed value is not known (an information finding at it)',
    files: {
      'api/go.mod': goMod(),
      'api/main.go': main(httpTime, '\tsrv := &http.Server{Addr: ":8080", IdleTimeout: cfg.Idle}\n\tsrv.ListenAndServe()\n'),
    },
    endpoints: [{ idle: 'unknown', unknown: 'set in code, value not known', underlined: 'cfg.Idle' }],
  },
  {
    name: 'assignments after the literal decide; SetKeepAlivesEnabled(false) keeps nothing alive',
    files: {
      'api/go.mod': goMod(),
      'api/main.go': main(
        httpTime,
        '\tsrv := &http.Server{Addr: ":8080"}\n\tsrv.IdleTimeout = 4 * time.Second\n\tsrv.SetKeepAlivesEnabled(false)\n\tsrv.ListenAndServe()\n',
      ),
    },
    endpoints: [{ idle: 4000, keepsAlive: false, underlined: '4 * time.Second' }],
  },
  {
    name: 'the port from os.Getenv with a fallback when the environment does not set it',
    files: {
      'api/go.mod': goMod(),
      'api/main.go': main(
        ['net/http', 'os', 'time'],
        '\tport := os.Getenv("PORT")\n\tif port == "" {\n\t\tport = "3000"\n\t}\n\tsrv := &http.Server{Addr: ":" + port, IdleTimeout: time.Second}\n\tsrv.ListenAndServe()\n',
      ),
    },
    endpoints: [{ port: 3000, idle: 1000 }],
  },
  {
    name: 'no Addr, served on net.Listen("tcp", ":7070")',
    files: {
      'api/go.mod': goMod(),
      'api/main.go': main(
        ['net', 'net/http', 'time'],
        '\tl, _ := net.Listen("tcp", ":7070")\n\tsrv := &http.Server{ReadTimeout: 10 * time.Second}\n\tsrv.Serve(l)\n',
      ),
    },
    endpoints: [{ port: 7070, idle: 10_000 }],
  },
  {
    name: 'gin Run(":8080") and Run() wrap a zero Server; Run() listens on :8080 when PORT is unset',
    files: { 'api/go.mod': goMod(), 'api/main.go': main(['github.com/gin-gonic/gin'], '\tr := gin.Default()\n\tr.Run()\n') },
    endpoints: [
      { label: 'api/main.go, Go gin server (net/http) on port 8080', port: 8080, idle: 'never', assumed: `Go 1.22, ${ginRunSource}` },
    ],
  },
  {
    name: 'echo v4: e.Server.IdleTimeout assigned',
    files: {
      'api/go.mod': goMod(),
      'api/main.go': main(
        ['time', 'github.com/labstack/echo/v4'],
        '\te := echo.New()\n\te.Server.IdleTimeout = 3 * time.Second\n\te.Start(":1323")\n',
      ),
    },
    endpoints: [{ port: 1323, idle: 3000, underlined: '3 * time.Second' }],
  },
  {
    name: "echo v5: Start's server sets ReadTimeout 30s, which idle connections close at",
    files: { 'api/go.mod': goMod(), 'api/main.go': main(['github.com/labstack/echo/v5'], '\te := echo.New()\n\te.Start(":1323")\n') },
    endpoints: [{ port: 1323, idle: 30_000, origin: 'default', assumed: `Go 1.22, ${echoV5Source}` }],
  },
  {
    name: 'fiber: Config IdleTimeout, port from Listen',
    files: {
      'api/go.mod': goMod(),
      'api/main.go': main(
        ['time', 'github.com/gofiber/fiber/v2'],
        '\tapp := fiber.New(fiber.Config{IdleTimeout: 5 * time.Second})\n\tapp.Listen(":3000")\n',
      ),
    },
    endpoints: [{ label: 'api/main.go, Go fiber app (fasthttp) on port 3000', port: 3000, idle: 5000, underlined: '5 * time.Second' }],
  },
  {
    name: 'fiber with no Config: unlimited',
    files: { 'api/go.mod': goMod(), 'api/main.go': main(['github.com/gofiber/fiber/v2'], '\tapp := fiber.New()\n\tapp.Listen(":3000")\n') },
    endpoints: [{ port: 3000, idle: 'never', assumed: `Go 1.22, ${fiberSource}` }],
  },
  {
    name: 'tests, vendored code, comments and a module without a server are not read',
    files: {
      'api/go.mod': goMod(),
      'api/main_test.go': main(httpTime, '\tsrv := &http.Server{Addr: ":8080", IdleTimeout: time.Second}\n\tsrv.ListenAndServe()\n'),
      'api/vendor/x/y.go': main(['net/http'], '\thttp.ListenAndServe(":1", nil)\n'),
      'api/main.go': main(['net/http'], '\t// http.ListenAndServe(":8080", nil)\n\t_ = http.StatusOK\n'),
    },
    endpoints: [],
  },
  {
    name: 'a nested module reads its own sources only; no go line: the assumed version said',
    files: {
      'go.mod': 'module example.com/root\n',
      'main.go': main(['net/http'], '\thttp.ListenAndServe(":80", nil)\n'),
      'tools/go.mod': goMod(),
      'tools/main.go': main(['net/http'], '\thttp.ListenAndServe(":9999", nil)\n'),
    },
    endpoints: [
      { port: 80, idle: 'never', assumed: `Go 1.23 (no go line in go.mod: assumed), ${zeroServerSource}` },
      { port: 9999, idle: 'never' },
    ],
  },
];
