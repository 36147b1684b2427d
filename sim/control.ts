/**
 * `/__sim/*`: the HTTP control surface for tests in another process (the
 * extension host). No auth and never recorded: it is not part of Giggle.
 */
import type { Reply } from './http';
import { jsonReply } from './http';
import type { FaultRule, InvalidKeyReply } from './types';

export interface ControlTarget {
  requests: unknown[];
  mediaRequests: unknown[];
  faults: FaultRule[];
  addFault(rule: FaultRule): void;
  clearFaults(kind?: 'hold'): void;
  reset(): void;
  advance(ms: number): void;
  now(): number;
  state(): unknown;
  /** Starts an outage of `ms` once the control reply has been sent. */
  scheduleOutage(ms: number): void;
  /** Forgets every registered asset, so submissions naming one are refused ("asset_id … not found"). */
  forgetAssets(): number;
  /** Origin used in newly signed media/upload URLs (undefined = the simulator's own). */
  setPublicOrigin(origin: string | undefined): void;
  setInvalidKeyReply(reply: InvalidKeyReply | undefined): void;
}

export function controlReply(method: string, path: string, body: unknown, sim: ControlTarget): Reply {
  const route = `${method} ${path}`;
  switch (route) {
    case 'GET /__sim/health':
      return jsonReply(200, { ok: true });
    case 'GET /__sim/requests':
      return jsonReply(200, sim.requests);
    case 'GET /__sim/media-requests':
      return jsonReply(200, sim.mediaRequests);
    case 'GET /__sim/faults':
      return jsonReply(200, sim.faults);
    case 'POST /__sim/faults':
      try {
        sim.addFault(body as FaultRule);
        return jsonReply(200, { ok: true });
      } catch (error) {
        return jsonReply(400, { ok: false, error: (error as Error).message });
      }
    case 'DELETE /__sim/faults':
      sim.clearFaults();
      return jsonReply(200, { ok: true });
    case 'POST /__sim/faults/release-holds':
      // The held requests go on; the other faults stay (e.g. a slow payment set up while queries were held).
      sim.clearFaults('hold');
      return jsonReply(200, { ok: true });
    case 'POST /__sim/reset':
      sim.reset();
      return jsonReply(200, { ok: true });
    case 'POST /__sim/advance': {
      const ms = (body as { ms?: unknown } | undefined)?.ms;
      if (typeof ms !== 'number' || !(ms >= 0)) return jsonReply(400, { ok: false, error: 'body must be {"ms": <non-negative number>}' });
      sim.advance(ms);
      return jsonReply(200, { ok: true, now: sim.now() });
    }
    case 'GET /__sim/state':
      return jsonReply(200, sim.state());
    case 'POST /__sim/outage': {
      // Extension: "the simulator is down" (connection refused) for ms, state kept; see Simulator.outage.
      const ms = (body as { ms?: unknown } | undefined)?.ms;
      if (typeof ms !== 'number' || !(ms > 0) || ms > 600_000) return jsonReply(400, { ok: false, error: 'body must be {"ms": <1..600000>}' });
      sim.scheduleOutage(ms);
      return jsonReply(200, { ok: true, downForMs: ms });
    }
    case 'POST /__sim/forget-assets':
      // Extension: Giggle no longer knows the uploaded assets (expired, deleted, another deployment).
      return jsonReply(200, { ok: true, forgotten: sim.forgetAssets() });
    case 'POST /__sim/public-origin': {
      // Extension: sign links for another loopback origin (a test's proxy on 127.0.0.2), because
      // code-server rewrites links to 127.0.0.1/localhost into its port-forwarding proxy.
      const origin = (body as { origin?: unknown } | undefined)?.origin;
      if (origin !== null && (typeof origin !== 'string' || !/^http:\/\/127\.\d+\.\d+\.\d+:\d+$/.test(origin))) {
        return jsonReply(400, { ok: false, error: 'body must be {"origin": "http://127.x.y.z:PORT"} or {"origin": null}' });
      }
      sim.setPublicOrigin(origin ?? undefined);
      return jsonReply(200, { ok: true });
    }
    case 'POST /__sim/invalid-key-reply': {
      // Extension: how a refused key is answered, e.g. {"status": 200, "code": 40100, "message": "Invalid API key"}; null restores HTTP 401.
      const reply = body as Partial<InvalidKeyReply> | null | undefined;
      if (reply === null) {
        sim.setInvalidKeyReply(undefined);
        return jsonReply(200, { ok: true });
      }
      if (!reply || !Number.isInteger(reply.status) || (typeof reply.code !== 'number' && typeof reply.code !== 'string') || typeof reply.message !== 'string') {
        return jsonReply(400, { ok: false, error: 'body must be {"status": <HTTP status>, "code": <number or string>, "message": <text>} or null' });
      }
      sim.setInvalidKeyReply({ status: reply.status as number, code: reply.code, message: reply.message });
      return jsonReply(200, { ok: true });
    }
    default:
      return jsonReply(404, { ok: false, error: `no control route ${route}` });
  }
}
