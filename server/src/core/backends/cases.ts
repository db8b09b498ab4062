// The shape of each backend kind's table of endpoint cases (backends/<kind>/cases.ts), run by
// test/core/backend-cases.test.ts for every registered kind.
import type { EndpointProtocol, ValueOrigin } from './endpoint';

/** What an endpoint read from the case's files must say; fields left out are not checked. */
export interface ExpectedEndpoint {
  label?: string;
  port?: number;
  protocol?: EndpointProtocol;
  keepsAlive?: boolean;
  /** Milliseconds, `never`, or `unknown` (with the reason's words in `unknown`). */
  idle: number | 'never' | 'unknown';
  origin?: ValueOrigin;
  setting?: string;
  description?: string;
  unknown?: string;
  /** For a default: `versions, source` of the default assumed. */
  assumed?: string;
  /** The exact text the idle timeout's span covers (what the race underlines). */
  underlined?: string;
  /** A unix socket it listens on. */
  socket?: string;
  /** The request limit (requestLimit): milliseconds, `never`, or `unknown`. */
  requestLimit?: number | 'never' | 'unknown';
  /** Where the request limit comes from, as messages say it. */
  requestLimitDescription?: string;
  /** The exact text the request limit's span covers. */
  requestLimitUnderlined?: string;
  /** Words of the notes beside the request limit (PHP's max_execution_time). */
  requestLimitNotes?: string[];
}

export interface EndpointCase {
  name: string;
  /** Files by path relative to the workspace root. */
  files: Record<string, string>;
  /** Every endpoint read, in order. */
  endpoints: ExpectedEndpoint[];
}
