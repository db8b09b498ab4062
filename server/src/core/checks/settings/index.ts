import { problemCheck } from '../fromProblems';

export const settingsCheck = problemCheck(
  'settings',
  'A setting in timeout-chain.json that cannot be used: not valid JSON, a misspelt key, a value out of range, a link that links nothing.',
  { default: 'error' },
  {
    finds:
      "In `timeout-chain.json` at the analysed folder's root: text that is not valid JSON (the CLI then stops with exit status 2), keys no reader knows (most often misspelt), values of the wrong type or outside their range (fix margins, ports, exclusion globs of more than 4,096 characters or 1,000 brace alternatives), and `links` entries that link no upstream to any connector.",
    why: 'A setting that is not used changes nothing while looking as if it did: a misspelt `fix` key leaves the default margin, a link that names a missing upstream links nothing, and a race stays unreported or a fix writes a value nobody chose.',
    example:
      '```json\n{ "fxi": { "upstreamMarginPercent": 50 }, "links": [{ "upstream": "ap", "serverXml": "tomcat/conf/server.xml" }] }\n```',
    fix: 'Correct the key or value the diagnostic points at. The keys are those of the `timeoutChain.*` VS Code settings without the prefix: `nginx.version`, `nginx.prefixMap`, `links`, `exclude`, `fix.*`.',
  },
);
