// What Go's net/http and the frameworks wrapping it do when the code sets no idle timeout, read in
// each project's own source (tags and lines in docs/backends/go.md).

/** net/http: `(*Server).idleTimeout()` is IdleTimeout when non-zero, else ReadTimeout (Go 1.8+); the read deadline is set only when it is positive. */
export const netHttpIdleSource =
  'https://pkg.go.dev/net/http#Server (IdleTimeout); https://github.com/golang/go/blob/master/src/net/http/server.go (func (s *Server) idleTimeout; conn.serve: if d := c.server.idleTimeout(); d > 0)';

/** go-review CL 570396 (2024, the Go 1.23 cycle) sets the deadline only for a positive value: a negative one means none; before, the deadline fell in the past. */
export const negativeMeansNoneSince = '1.23';

/** The Go version assumed when go.mod has no `go` line. */
export const assumedGoVersion = '1.23';

/** `http.ListenAndServe(addr, h)` builds `&Server{Addr: addr, Handler: h}`: a zero Server, no idle timeout. */
export const zeroServerSource =
  'https://github.com/golang/go/blob/master/src/net/http/server.go (func ListenAndServe: &Server{Addr: addr, Handler: handler})';

/** gin's `Run()` wraps `&http.Server{Addr, Handler}` (no timeouts); no address: `:$PORT`, else `:8080` (utils.go resolveAddress). */
export const ginRunSource = 'https://github.com/gin-gonic/gin/blob/v1.12.0/gin.go (func (engine *Engine) Run), utils.go (resolveAddress)';
export const ginDefaultPort = 8080;

/** echo v4: `e.Server` is `new(http.Server)`, which `e.Start` serves: no idle timeout unless set. */
export const echoV4Source = 'https://github.com/labstack/echo/blob/v4.13.3/echo.go (Server: new(http.Server); func (e *Echo) Start)';
/** echo v5: `e.Start` builds `http.Server{ReadTimeout: 30 * time.Second}`: idle connections close after 30 s. */
export const echoV5ReadTimeoutMs = 30_000;
export const echoV5Source = 'https://github.com/labstack/echo/blob/v5.0.0/server.go (StartConfig.start: ReadTimeout: 30 * time.Second)';

/** fiber: fasthttp's Server takes Config.IdleTimeout, else ReadTimeout, both "Default: unlimited"; the read deadline only when positive. */
export const fiberSource =
  'https://github.com/gofiber/fiber/blob/v2.52.5/app.go (Config.IdleTimeout, Default: unlimited); https://github.com/valyala/fasthttp/blob/v1.73.0/server.go (idleTimeout, d > 0)';

/** An address's port by name, as net.Listen reads `:http`. */
export const namedPorts: Record<string, number> = { http: 80, https: 443 };

/** Go versions compared part by part: `1.22.3` >= `1.22`. */
export function goAtLeast(version: string, least: string): boolean {
  const parts = (v: string) => v.split('.').map((p) => Number.parseInt(p, 10) || 0);
  const [a, b] = [parts(version), parts(least)];
  for (let i = 0; i < Math.max(a.length, b.length); i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
}
