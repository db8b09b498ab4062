#!/usr/bin/env node
// The CLI lives in the bundle built by `npm run build` (run by `npm ci` through `prepare`).
require('../dist/cli.js').run();
