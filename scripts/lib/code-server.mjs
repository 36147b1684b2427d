// Starts and stops code-server (VS Code 1.100.3 served to a browser) for tests
// and the demo: a throw-away profile (user data, extensions, workspace) per
// run, loopback only, no auth; stopped with its whole process tree.
/* global fetch, URLSearchParams */
import { execFile } from 'node:child_process';
import { copyFileSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { ROOT, testHost } from './paths.mjs';
import { processesMatching, spawnServer } from './procs.mjs';

const execFileP = promisify(execFile);

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// 1x1 transparent PNG (used when test/fixtures/ has no image).
const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * Creates a temporary profile: { root, userDataDir, extensionsDir, workspace, configFile }.
 * `settings` go to <userDataDir>/User/settings.json (where code-server reads
 * application-scope settings such as giggle.apiBaseUrl).
 */
export function createProfile({ prefix = 'giggle-cs-', settings = {} } = {}) {
  const root = mkdtempSync(path.join(os.tmpdir(), prefix));
  const userDataDir = path.join(root, 'user-data');
  const extensionsDir = path.join(root, 'extensions');
  const workspace = path.join(root, 'workspace');
  for (const dir of [path.join(userDataDir, 'User'), extensionsDir, workspace]) mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'security.workspace.trust.enabled': false,
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'extensions.ignoreRecommendations': true,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'git.enabled': false,
        ...settings,
      },
      null,
      2,
    ),
  );
  // A sample image for image-to-video tests, plus a readme so the folder is not empty.
  const fixtures = path.join(ROOT, 'test', 'fixtures');
  const pngs = existsSync(fixtures) ? readdirSync(fixtures).filter((f) => f.toLowerCase().endsWith('.png')) : [];
  if (pngs.length) for (const f of pngs) copyFileSync(path.join(fixtures, f), path.join(workspace, f));
  if (!pngs.includes('sample.png')) writeFileSync(path.join(workspace, 'sample.png'), TINY_PNG);
  // A few seconds of silence as an MP3 (MPEG-1 Layer III frames of zeros, built here: no binary
  // fixture), so `npm run demo` can make a music video from a workspace song (musicFile: 'song.mp3').
  const frame = Buffer.alloc(417);
  frame.set([0xff, 0xfb, 0x90, 0xc4]);
  writeFileSync(path.join(workspace, 'song.mp3'), Buffer.concat(Array(120).fill(frame)));
  writeFileSync(path.join(workspace, 'README.md'), '# Giggle Video test workspace\n');
  // code-server writes a default config file unless given one; keep it here.
  const configFile = path.join(root, 'config.yaml');
  writeFileSync(configFile, 'auth: none\ncert: false\n');
  return {
    root,
    userDataDir,
    extensionsDir,
    workspace,
    configFile,
    remove: () => rmSync(root, { recursive: true, force: true, maxRetries: 3 }),
  };
}

function baseArgs(profile) {
  return ['--config', profile.configFile, '--extensions-dir', profile.extensionsDir, '--user-data-dir', profile.userDataDir];
}

/** Installs a packaged .vsix into the profile, the way a user would. */
export async function installVsix(profile, vsix) {
  const { codeServer } = testHost();
  const { stdout, stderr } = await execFileP(codeServer, [...baseArgs(profile), '--install-extension', vsix], {
    env: { ...process.env, XDG_CONFIG_HOME: path.join(profile.root, 'xdg-config') },
    timeout: 120_000,
  });
  const out = `${stdout}\n${stderr}`;
  if (!/successfully installed/i.test(out)) throw new Error(`Installing ${vsix} failed:\n${out}`);
  return out.trim();
}

/**
 * Installs the minimal language pack in test/fixtures/language-pack-<locale>
 * (packaged on the fly with vsce, offline) so that `--locale <locale>` is an
 * installed display language: VS Code then loads extensions' package.nls.<locale>.json
 * and l10n/bundle.l10n.<locale>.json. The real Microsoft language pack is not
 * reachable offline, so VS Code's own UI stays English; ours must switch.
 */
export async function installTestLanguagePack(profile, locale) {
  const folder = path.join(ROOT, 'test/fixtures', `language-pack-${locale}`);
  if (!existsSync(folder)) throw new Error(`no test language pack for ${locale} (${folder})`);
  const vsix = path.join(profile.root, `language-pack-${locale}.vsix`);
  await execFileP(path.join(ROOT, 'node_modules/.bin/vsce'), ['package', '--no-dependencies', '-o', vsix], { cwd: folder });
  const out = await installVsix(profile, vsix);
  // VS Code resolves --locale through <user-data>/languagepacks.json, which the
  // running server writes only later (when the UI lists languages); write the
  // entry the install would have produced so the first start already uses it.
  const manifest = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8'));
  const id = `${manifest.publisher}.${manifest.name}`;
  const installed = path.join(profile.extensionsDir, `${id}-${manifest.version}`);
  const translations = path.join(installed, manifest.contributes.localizations[0].translations[0].path);
  writeFileSync(
    path.join(profile.userDataDir, 'languagepacks.json'),
    JSON.stringify({
      [locale]: {
        hash: `${id}-${manifest.version}`.replace(/[^a-z0-9]/gi, ''),
        extensions: [{ extensionIdentifier: { id }, version: manifest.version }],
        translations: { vscode: translations },
        label: manifest.contributes.localizations[0].localizedLanguageName,
      },
    }),
  );
  return out;
}

/**
 * Starts code-server on a free port. Returns { url, workbenchUrl, port, pid, stop(), exited, logFile }.
 * `workspaceTrust: true` leaves workspace trust on (the folder then opens in restricted mode
 * when the profile's settings enable trust).
 * `env` is added to the server's environment, which its extension host inherits.
 * `locale` sets VS Code's display language (`--locale`).
 */
export async function startCodeServer(profile, { env = {}, logFile, port, readyTimeoutMs = 60_000, workspaceTrust = false, locale } = {}) {
  const { codeServer } = testHost();
  port ??= await freePort();
  const args = [
    ...baseArgs(profile),
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    // Workspace trust is off unless a run tests restricted mode (run-integration.mjs --untrusted).
    ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    // The display language (e.g. zh-cn for the localization UI test; needs a language pack installed).
    ...(locale ? ['--locale', locale] : []),
    profile.workspace,
  ];
  logFile ??= path.join(profile.root, 'code-server.log');
  mkdirSync(path.dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile);
  const server = spawnServer('code-server', codeServer, args, {
    cwd: profile.root,
    env: { ...process.env, XDG_CONFIG_HOME: path.join(profile.root, 'xdg-config'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.child.stdout.pipe(log, { end: false });
  server.child.stderr.pipe(log, { end: false });
  const url = `http://127.0.0.1:${port}`;
  let exitedEarly = null;
  server.exited.then((r) => (exitedEarly = r));
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (exitedEarly) throw new Error(`code-server exited during start-up (${JSON.stringify(exitedEarly)}); log: ${logFile}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await server.stop().catch(() => {});
      throw new Error(`code-server did not answer on ${url} within ${readyTimeoutMs} ms; log: ${logFile}`);
    }
    await sleep(100);
  }
  const stop = async () => {
    await server.stop();
    log.end();
    // Nothing started for this profile may outlive it (watcher, extension host, pty host).
    const leftovers = processesMatching(profile.root);
    if (leftovers.length) {
      throw new Error(`code-server left processes behind: ${leftovers.map((p) => `${p.pid} ${p.cmd.slice(0, 120)}`).join('; ')}`);
    }
  };
  return {
    url,
    port,
    pid: server.pid,
    logFile,
    exited: server.exited,
    workbenchUrl: (extraQuery = {}) => {
      const extra = new URLSearchParams(extraQuery).toString();
      return `${url}/?folder=${encodeURI(profile.workspace)}${extra ? `&${extra}` : ''}`;
    },
    stop,
  };
}
