// Second runner: the same suites through @vscode/test-electron, i.e. in a
// desktop VS Code that it downloads (needs access to update.code.visualstudio.com;
// not run in CI here, where scripts/run-integration.mjs uses code-server).
//
//   npx tsx test/integration/runTestElectron.ts            # VS Code stable
//   VSCODE_TEST_VERSION=1.100.3 npx tsx test/integration/runTestElectron.ts
//
// Like the code-server driver it builds the extension, compiles the suites,
// starts the Giggle simulator, points giggle.apiBaseUrl at it in a fresh user
// profile, passes GIGGLE_SIM_URL / GIGGLE_TEST_KEY / GIGGLE_POLL_TIME_SCALE /
// GIGGLE_TEST_RESULTS to the extension host, and stops everything at the end.
import { runTests } from '@vscode/test-electron';
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as readline from 'readline';

const ROOT = path.resolve(__dirname, '../..');
const KEY = 'sim-test-key';
const TIME_SCALE = process.env.GIGGLE_SIM_TIME_SCALE || '0.01';

interface Sim {
  url: string;
  stop(): void;
}

async function startSim(): Promise<Sim | undefined> {
  const cli = path.join(ROOT, 'sim', 'cli.ts');
  if (!fs.existsSync(cli)) {
    console.warn('sim/cli.ts not found: running without the simulator');
    return undefined;
  }
  const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0', '--time-scale', TIME_SCALE, '--key', KEY], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stop = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      /* gone */
    }
  };
  const lines = readline.createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the simulator printed no GIGGLE_SIM_URL line within 30 s')), 30_000);
    lines.on('line', (line) => {
      const m = /^GIGGLE_SIM_URL=(\S+)/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`the simulator exited (code ${code})`)));
  }).catch((error: unknown) => {
    stop();
    throw error;
  });
  return { url, stop };
}

async function main(): Promise<number> {
  const compile = spawnSync(process.execPath, [path.join(ROOT, 'scripts/run-integration.mjs'), '--compile-only'], { cwd: ROOT, stdio: 'inherit' });
  if (compile.status !== 0) throw new Error('building the extension or compiling the suites failed');

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'giggle-electron-'));
  const userDataDir = path.join(tmp, 'user-data');
  const workspace = path.join(tmp, 'workspace');
  const resultsFile = path.join(tmp, 'results.json');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(workspace, { recursive: true });
  fs.writeFileSync(path.join(workspace, 'README.md'), '# Giggle Video test workspace\n');

  const sim = await startSim();
  const cleanup = () => {
    sim?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  };
  process.once('SIGINT', () => {
    cleanup();
    process.exit(130);
  });
  try {
    fs.writeFileSync(
      path.join(userDataDir, 'User', 'settings.json'),
      JSON.stringify({ 'workbench.startupEditor': 'none', 'update.mode': 'none', ...(sim ? { 'giggle.apiBaseUrl': sim.url } : {}) }, null, 2),
    );
    const exitCode = await runTests({
      version: process.env.VSCODE_TEST_VERSION || 'stable',
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(ROOT, 'out/integration/index.js'),
      launchArgs: [workspace, '--user-data-dir', userDataDir, '--extensions-dir', path.join(tmp, 'extensions'), '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
      extensionTestsEnv: {
        GIGGLE_TEST_RESULTS: resultsFile,
        GIGGLE_TEST_KEY: KEY,
        GIGGLE_POLL_TIME_SCALE: process.env.GIGGLE_POLL_TIME_SCALE || TIME_SCALE,
        GIGGLE_TEST_WORKSPACE: workspace,
        ...(sim ? { GIGGLE_SIM_URL: sim.url } : {}),
        ...(process.env.GIGGLE_TEST_GREP ? { GIGGLE_TEST_GREP: process.env.GIGGLE_TEST_GREP } : {}),
      },
    }).catch((error: unknown) => {
      console.error(`VS Code reported a failure: ${(error as Error).message ?? error}`);
      return 1;
    });
    const results = fs.existsSync(resultsFile) ? JSON.parse(fs.readFileSync(resultsFile, 'utf8')) : undefined;
    const passed = results?.stats?.passes ?? 0;
    const failed = (results?.stats?.failures ?? 0) + (results?.done ? 0 : 1);
    console.log(`${passed} passed, ${failed} failed`);
    return exitCode === 0 && failed === 0 ? 0 : 1;
  } finally {
    cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
