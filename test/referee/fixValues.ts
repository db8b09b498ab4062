// The numbers the race fixes write, for any margins a setting can hold (validation aside):
// the raise is a whole number of ms Tomcat's int setter takes and longer than nginx's, or not
// offered; the lowering is a whole number of ms below Tomcat's, at least 1, or not offered.
import fc from 'fast-check';
import { loweredProxyMs, raisedUpstreamMs } from '../../server/src/core/checks/keepalive-race/fixes';
import { tomcatMaxInt } from '../../server/src/core/backends/tomcat/edits';
import { parseNginxTime, formatNginxTime } from '../../server/src/core/nginx/values';

const anyMargin = fc.oneof(
  fc.double(),
  fc.constantFrom(0, 1e308, Infinity, -Infinity, NaN, -1, 50, 10, 1, 5),
  fc.integer({ min: 0, max: 1e6 }),
);
const margins = fc.record({
  upstreamMarginPercent: anyMargin,
  upstreamMarginMinSeconds: anyMargin,
  proxyMarginPercent: anyMargin,
  proxyMarginMinSeconds: anyMargin,
});
/** nginx's upstream keepalive_timeout, in ms: anything ngx_parse_time gives (up to 2^63 - 1, as a double). */
const nginxMs = fc.oneof(fc.integer({ min: 0, max: tomcatMaxInt + 1000 }), fc.double({ min: 0, max: 9.2e18, noNaN: true }).map(Math.floor));
/** Tomcat's idle timeout in ms: a positive int (-1 and 0 never race). */
const tomcatMs = fc.integer({ min: 1, max: tomcatMaxInt });

export function checkFixValues(runs: number): number {
  fc.assert(
    fc.property(nginxMs, margins, (nginx, m) => {
      const value = raisedUpstreamMs(nginx, m);
      if (!Number.isInteger(value) || value < 1 || value > tomcatMaxInt)
        throw new Error(`raise ${value} for nginx ${nginx} ms, margins ${JSON.stringify(m)}`);
      if (nginx < tomcatMaxInt && !(value > nginx))
        throw new Error(`raise ${value} does not beat nginx's ${nginx} ms although ${tomcatMaxInt} would`);
    }),
    { numRuns: runs, seed: 11 },
  );
  fc.assert(
    fc.property(tomcatMs, margins, (tomcat, m) => {
      const value = loweredProxyMs(tomcat, m);
      if (!Number.isInteger(value) || value < 0 || (value > 0 && value >= tomcat))
        throw new Error(`lowering ${value} for Tomcat ${tomcat} ms, margins ${JSON.stringify(m)}`);
      if (tomcat >= 2 && value === 0) throw new Error(`no lowering for Tomcat ${tomcat} ms`);
      if (value > 0) {
        const parsed = parseNginxTime(formatNginxTime(value), 'ms');
        if (!parsed.ok || parsed.ms !== value) throw new Error(`nginx would not read ${formatNginxTime(value)} as ${value} ms`);
      }
    }),
    { numRuns: runs, seed: 11 },
  );
  return runs * 2;
}
