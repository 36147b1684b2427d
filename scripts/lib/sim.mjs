// Starts the Giggle simulator (sim/cli.ts) as a separate process, reads the
// `GIGGLE_SIM_URL=...` line it prints first, and stops it with its tree.
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { ROOT } from './paths.mjs';
import { spawnServer } from './procs.mjs';

export const SIM_CLI = path.join(ROOT, 'sim', 'cli.ts');

export function simAvailable() {
  return existsSync(SIM_CLI);
}

/**
 * Returns { url, key, pid, stop(), logFile }. `extraKeys` are accepted as well
 * as `key` (the reliability suites use a recognizable fake key). Rejects when the simulator does
 * not print its URL within `timeoutMs`. `onLine` receives each later stdout
 * line (the guide, then one line per request).
 */
export async function startSim({ timeScale = 0.01, key = 'sim-test-key', extraKeys = [], logFile, timeoutMs = 30_000, onLine } = {}) {
  if (!simAvailable()) throw new Error(`The Giggle simulator is missing (${path.relative(ROOT, SIM_CLI)})`);
  const args = ['--import', 'tsx', SIM_CLI, '--port', '0', '--time-scale', String(timeScale), '--key', key, ...extraKeys.flatMap((k) => ['--key', k])];
  const server = spawnServer('giggle-sim', process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
  let log = null;
  if (logFile) {
    mkdirSync(path.dirname(logFile), { recursive: true });
    log = createWriteStream(logFile);
    server.child.stderr.pipe(log, { end: false });
  } else {
    server.child.stderr.resume();
  }
  const lines = readline.createInterface({ input: server.child.stdout });
  let seenUrl = false;
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the simulator printed no GIGGLE_SIM_URL line within ${timeoutMs} ms`)), timeoutMs);
    lines.on('line', (line) => {
      log?.write(`${line}\n`);
      if (seenUrl) return onLine?.(line);
      const match = /^GIGGLE_SIM_URL=(\S+)/.exec(line);
      if (match) {
        seenUrl = true;
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    server.exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the simulator exited before printing its URL (code ${code}, signal ${signal})`));
    });
  }).catch(async (error) => {
    await server.stop().catch(() => {});
    throw error;
  });
  return {
    url,
    key,
    pid: server.pid,
    logFile,
    exited: server.exited,
    stop: async () => {
      await server.stop();
      lines.close();
      log?.end();
    },
  };
}
