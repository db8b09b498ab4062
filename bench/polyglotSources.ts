// The other languages a Java monorepo holds beside its services: a TypeScript front end (with its
// node_modules and its dist/ build output), Python scripts, a Go command-line tool. None starts a
// server; each carries the words a cheap text test must not be fooled by (client timeouts,
// setTimeout, requests' timeout=, http.Client), so the figures show what reading them costs.

/** One generated file: its path relative to the monorepo's root, and its text. */
export interface PolyglotFile {
  relative: string;
  text: string;
}

const components = ['OrderList', 'OrderForm', 'CartSummary', 'ProductCard', 'UserMenu', 'SearchBox', 'Pagination', 'Toast'];

function tsComponent(name: string, n: number): string {
  return `import { useEffect, useState } from 'react';
import { api } from '../api/client';

export interface ${name}${n}Props {
  id: string;
  pollMs?: number;
}

// Polls the API; the server's own timeouts are nginx's and the services' business.
export function ${name}${n}({ id, pollMs = 5000 }: ${name}${n}Props) {
  const [items, setItems] = useState<unknown[]>([]);
  useEffect(() => {
    const timer = setTimeout(() => api.get(\`/orders/\${id}\`, { timeout: 10_000 }).then(setItems), pollMs);
    return () => clearTimeout(timer);
  }, [id, pollMs]);
  return <ul>{items.map((item, i) => <li key={i}>{String(item)}</li>)}</ul>;
}
`;
}

function tsModule(n: number): string {
  return `// Formatting helpers ${n}.
export const keepAliveHint = 'Connection: keep-alive';
export function formatPrice${n}(cents: number, currency = 'EUR'): string {
  return new Intl.NumberFormat('de-DE', { style: 'currency', currency }).format(cents / 100);
}
export function retry${n}<T>(task: () => Promise<T>, attempts = 3, delayMs = 250): Promise<T> {
  return task().catch((error) => (attempts > 1 ? new Promise((r) => setTimeout(r, delayMs)).then(() => retry${n}(task, attempts - 1, delayMs * 2)) : Promise.reject(error)));
}
`;
}

function nodeModule(n: number): string {
  return `'use strict';
// A dependency's file: never read (node_modules is excluded).
var http = require('http');
function createServer${n}(handler) { var server = http.createServer(handler); server.keepAliveTimeout = 1000; return server; }
module.exports = { createServer${n}: createServer${n} };
`;
}

function distBundle(n: number): string {
  return `(()=>{"use strict";var e=${n};function t(n){return fetch(n,{keepalive:!0})}window.__chunk${n}=t;setTimeout(()=>t("/api/ping"),5e3)})();\n`;
}

function pythonScript(n: number): string {
  return `"""Nightly export ${n}: pulls orders from the API and writes a CSV."""
import csv
import sys

import requests

TIMEOUT = 30  # seconds, for the HTTP client


def export(url: str, out: str) -> None:
    response = requests.get(url, timeout=TIMEOUT)
    response.raise_for_status()
    with open(out, "w", newline="") as handle:
        writer = csv.writer(handle)
        for row in response.json():
            writer.writerow([row["id"], row["total"]])


if __name__ == "__main__":
    export(sys.argv[1], sys.argv[2])
`;
}

function goCommand(n: number): string {
  return `package main

import (
	"fmt"
	"net/http"
	"os"
	"time"
)

// check${n} asks a service for its health; an http.Client, not a server.
func check${n}(url string) error {
	client := &http.Client{Timeout: 10 * time.Second}
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: %d", url, resp.StatusCode)
	}
	return nil
}

func init() { _ = os.Getenv("HEALTH_URL") }
`;
}

/** `count` files in the other languages' folders, with their project files first. */
export function polyglotFiles(count: number): PolyglotFile[] {
  const files: PolyglotFile[] = [
    {
      relative: 'web/package.json',
      text: '{\n  "name": "shop-web",\n  "private": true,\n  "scripts": { "build": "vite build", "dev": "vite" },\n  "dependencies": { "react": "^18.3.1", "react-dom": "^18.3.1" },\n  "devDependencies": { "typescript": "^5.6.3", "vite": "^5.4.10" }\n}\n',
    },
    { relative: 'tools/healthcheck/go.mod', text: 'module example.com/tools/healthcheck\n\ngo 1.22\n' },
    { relative: 'tools/scripts/requirements.txt', text: 'requests==2.32.3\n' },
  ];
  for (let i = 0; files.length < count; i++) {
    const kind = i % 10;
    if (kind < 4)
      files.push({
        relative: `web/src/components/${components[i % components.length]}${i}.tsx`,
        text: tsComponent(components[i % components.length], i),
      });
    else if (kind < 6) files.push({ relative: `web/src/lib/format${i}.ts`, text: tsModule(i) });
    else if (kind === 6) files.push({ relative: `web/node_modules/dep${i % 50}/lib/index${i}.js`, text: nodeModule(i) });
    else if (kind === 7) files.push({ relative: `web/dist/assets/chunk-${i}.js`, text: distBundle(i) });
    else if (kind === 8) files.push({ relative: `tools/scripts/export_${i}.py`, text: pythonScript(i) });
    else files.push({ relative: `tools/healthcheck/check${i}.go`, text: goCommand(i) });
  }
  return files.slice(0, count);
}
