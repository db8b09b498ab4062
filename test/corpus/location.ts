// Where the real-world corpus is: ../shared/corpus beside the project, else where this workplace
// keeps it, or TIMEOUT_CHAIN_CORPUS. Its files are read in place, never copied into the project.
import * as fs from 'node:fs';
import * as path from 'node:path';

const repoRoot = path.resolve(__dirname, '../../..');
const candidates = [path.resolve(repoRoot, '../shared/corpus'), '/work/shared/corpus'];

export const corpus = process.env.TIMEOUT_CHAIN_CORPUS ?? candidates.find((dir) => fs.existsSync(dir)) ?? candidates[0];
