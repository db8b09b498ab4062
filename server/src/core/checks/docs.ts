import type { Check } from './check';

/** The Markdown docs section of a check, as written to docs/checks/<id>.md and SARIF rule help. */
export function renderCheckDocs(check: Check): string {
  return [
    `# ${check.id}`,
    '',
    check.description,
    '',
    '## What it finds',
    '',
    check.docs.finds,
    '',
    '## Why it breaks',
    '',
    check.docs.why,
    '',
    '## Example',
    '',
    check.docs.example,
    '',
    '## Fix',
    '',
    check.docs.fix,
    '',
  ].join('\n');
}
