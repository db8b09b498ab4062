// Preloaded into a benchmarked CLI process (`node -r`): writes its peak resident memory on exit.
import * as fs from 'node:fs';

const target = process.env.TIMEOUT_CHAIN_BENCH_RSS_FILE;
if (target) process.on('exit', () => fs.writeFileSync(target, String(process.resourceUsage().maxRSS)));
