// The simulator's control routes (/__sim/..., sim/control.ts) for the UI
// tests: faults, outages, recorded requests. Throws with the route and status
// when the simulator refuses, so a broken set-up is not mistaken for a finding.
import { e2eEnv } from './fixtures';

export async function simControl(method: string, route: string, body?: unknown): Promise<unknown> {
  if (!e2eEnv.simUrl) throw new Error('these UI tests need the simulator (GIGGLE_SIM_URL)');
  const res = await fetch(`${e2eEnv.simUrl}/__sim/${route}`, {
    method,
    headers: body === undefined ? undefined : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`simulator ${method} ${route}: ${res.status} ${text.slice(0, 200)}`);
  return text ? JSON.parse(text) : undefined;
}
