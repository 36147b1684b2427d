// Makes host names under `.invalid` fail to resolve inside this process, the
// way getaddrinfo reports a name that does not exist (ENOTFOUND), without
// asking the machine's resolver. RFC 6761 says `.invalid` never resolves, but
// glibc still sends the query to the configured name server, which is not on
// loopback here; tests must not send traffic beyond 127.0.0.1. Node's sockets
// read `dns.lookup` from the module at connect time, so replacing it reaches
// node-fetch in the same process (in the extension host: the extension too).
// No `vscode` here: unit tests and extension-host suites both use it.
import * as dnsModule from 'dns';

// The module object itself, not an import namespace (whose properties are read-only getters):
// under an ESM loader it is the namespace's default, under CommonJS the import is the object.
const dns = ((dnsModule as unknown as { default?: typeof dnsModule }).default ?? dnsModule) as typeof dnsModule;

type LookupCallback = (error: NodeJS.ErrnoException | null, address?: unknown, family?: number) => void;

/** Until the returned function is called, every lookup of a `.invalid` name fails with ENOTFOUND. */
export function refuseInvalidHostLookups(): () => void {
  const original = dns.lookup;
  const patched = function (hostname: string, options: unknown, callback?: LookupCallback) {
    const done = (typeof options === 'function' ? options : callback) as LookupCallback;
    if (/\.invalid\.?$/i.test(hostname)) {
      const error: NodeJS.ErrnoException = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
        code: 'ENOTFOUND',
        errno: -3008,
        syscall: 'getaddrinfo',
        hostname,
      });
      process.nextTick(done, error);
      return;
    }
    return (original as (...args: unknown[]) => void).call(dns, hostname, options, callback);
  };
  (dns as { lookup: unknown }).lookup = patched;
  return () => {
    if ((dns as { lookup: unknown }).lookup === patched) (dns as { lookup: unknown }).lookup = original;
  };
}
