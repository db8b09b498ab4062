// What Tomcat assumes when server.xml does not say, with where each fact comes from. The race
// check reads these through the endpoints, so a message can say which default decided.

/** One default of the server: its value, the versions it holds for, and the page stating it. */
export interface SourcedDefault {
  value: number;
  unit: 'ms' | 'requests' | 'port';
  versions: string;
  source: string;
}

const httpConnectorDocs = 'https://tomcat.apache.org/tomcat-10.1-doc/config/http.html';

export const tomcatDefaults = {
  /** Used when neither keepAliveTimeout nor connectionTimeout is written (the stock server.xml writes 20000). */
  connectionTimeout: { value: 60_000, unit: 'ms', versions: '8.5 to 11', source: httpConnectorDocs },
  /** 1 turns keep-alive off; -1 is unlimited. */
  maxKeepAliveRequests: { value: 100, unit: 'requests', versions: '8.5 to 11', source: httpConnectorDocs },
  /** The port of a Connector that writes none. */
  port: { value: 8080, unit: 'port', versions: '8.5 to 11', source: httpConnectorDocs },
} satisfies Record<string, SourcedDefault>;
