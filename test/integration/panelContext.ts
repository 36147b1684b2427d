// What the generator panel's submission uses of the extension's context, for
// suites that call the panel's submission functions directly (the panel
// submits through src/submission/ itself): a jobs list of its own, a client on
// the simulator, the key, and global state in memory.
import type { GiggleContext } from '../../src/context';
import { GiggleClient } from '../../src/giggle/client';
import { JobStore } from '../../src/jobs/jobStore';
import { MemoryStorage } from '../unit/support/memoryStorage';
import { simUrl } from './helpers';

export function panelContext(key: string): GiggleContext {
  const state = new Map<string, unknown>();
  const client = new GiggleClient({ baseUrl: simUrl(), getApiKey: () => key });
  return {
    extension: { globalState: { get: (name: string) => state.get(name), update: async (name: string, value: unknown) => void state.set(name, value), keys: () => [...state.keys()] } },
    keys: { known: () => key, get: async () => key },
    log: { warn: () => undefined, info: () => undefined },
    store: new JobStore(new MemoryStorage(), { maxJobs: () => 100, writeDelayMs: 5, now: Date.now }),
    client: () => client,
    treeView: { reveal: async () => undefined },
    tree: { nodeFor: () => undefined },
  } as unknown as GiggleContext;
}
