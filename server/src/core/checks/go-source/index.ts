import { problemCheck } from '../fromProblems';

export const goSource = problemCheck(
  'go-source',
  'A Go HTTP server whose idle timeout the code computes: its value is not known here.',
  { default: 'info' },
  {
    finds:
      "Go HTTP servers (`http.Server{...}`, echo's `e.Server`, `fiber.Config{...}`) whose `IdleTimeout` or `ReadTimeout` is set by a value the code computes (a configuration field, a function's result) rather than a literal duration or a constant of the file.",
    why: 'net/http closes an idle connection after `IdleTimeout`, else `ReadTimeout`; a value known only at run time cannot be compared with how long nginx keeps connections.',
    example: '```go\nsrv := &http.Server{Addr: ":8080", IdleTimeout: cfg.Idle}\n```',
    fix: 'Write the duration as a literal or a constant (`90 * time.Second`), or check by hand that it is longer than nginx keeps idle upstream connections.',
  },
);
