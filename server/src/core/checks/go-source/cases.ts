import type { CheckCases } from '../cases';

const goMod = 'module example.com/api\n\ngo 1.22\n';

export const cases: CheckCases = {
  valid: [
    {
      name: 'a literal duration and a constant of the file are known',
      files: {
        'api/go.mod': goMod,
        'api/main.go':
          'package main\n\nimport (\n\t"net/http"\n\t"time"\n)\n\nconst idle = 2 * time.Minute\n\nfunc main() {\n\tsrv := &http.Server{Addr: ":8080", IdleTimeout: idle, ReadTimeout: 5 * time.Second}\n\tsrv.ListenAndServe()\n}\n',
      },
    },
  ],
  invalid: [
    {
      name: 'IdleTimeout from a configuration field',
      files: {
        'api/go.mod': goMod,
        'api/main.go':
          'package main\n\nimport "net/http"\n\nfunc main() {\n\tsrv := &http.Server{\n\t\tAddr:        ":8080",\n\t\tIdleTimeout: cfg.Idle,\n\t}\n\tsrv.ListenAndServe()\n}\n',
      },
      findings: [
        {
          file: 'api/main.go',
          line: 8,
          text: 'cfg.Idle',
          severity: 'info',
          message: ["Go's IdleTimeout is set in code, value not known here"],
        },
      ],
    },
  ],
};
