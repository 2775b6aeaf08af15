/** "host:port" / "[v6]:port" parsing; registry text is untrusted, so reject rather than guess. */
export interface HostPort {
  host: string;
  port: number;
}

export function parseEndpoint(endpoint: string): HostPort {
  const m = /^\[([^\]]+)\]:(\d+)$/.exec(endpoint) ?? /^([^:\s/]+):(\d+)$/.exec(endpoint);
  const port = m ? Number(m[2]) : NaN;
  if (!m || !m[1] || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`invalid endpoint "${endpoint}": expected host:port`);
  }
  return { host: m[1], port };
}
