// Process helpers for the test/demo scripts: spawn a server in its own process
// group, and stop it *with everything it started* (code-server leaves a
// file-watcher child and an extension host behind if only its main process
// is killed). Linux only: reads /proc.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Every process this script starts, directly or not (servers, Chromium and
 * their children), inherits GIGGLE_RUN_TAG=<RUN_TAG> in its environment, so
 * leftovers() can find any that outlived their test even after re-parenting.
 */
export const RUN_TAG = `${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
process.env.GIGGLE_RUN_TAG = RUN_TAG;

/** Every process we started and have not stopped yet (for signal cleanup). */
const live = new Map(); // pid -> { name, stop }

/** One row per process: { pid, ppid, pgid, state, cmd }. */
export function processTable() {
  const rows = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // "pid (comm) state ppid pgid ..." — comm may contain spaces and parens.
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      let cmd = '';
      try {
        cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      } catch {
        /* gone */
      }
      rows.set(Number(name), { pid: Number(name), state: rest[0], ppid: Number(rest[1]), pgid: Number(rest[2]), cmd });
    } catch {
      /* process ended while we looked */
    }
  }
  return rows;
}

function ancestors() {
  const table = processTable();
  const chain = new Set();
  for (let pid = process.pid; pid > 1 && !chain.has(pid); pid = table.get(pid)?.ppid ?? 0) chain.add(pid);
  return chain;
}

/** Live processes (not this one or its ancestors) that carry this run's tag. */
export function leftovers() {
  const mine = ancestors();
  const needle = `GIGGLE_RUN_TAG=${RUN_TAG}\0`;
  const found = [];
  for (const row of processTable().values()) {
    if (mine.has(row.pid) || row.state === 'Z') continue;
    try {
      if (`${readFileSync(`/proc/${row.pid}/environ`, 'latin1')}\0`.includes(needle)) found.push(row);
    } catch {
      /* gone, or not ours to read */
    }
  }
  return found;
}

/**
 * Stops processes left by an earlier run whose script was killed outright
 * (SIGKILL leaves no chance to clean up): any process tagged with a
 * GIGGLE_RUN_TAG whose owning script (the pid in the tag) is gone.
 * Resolves with what it stopped.
 */
export async function reapOrphans() {
  const mine = ancestors();
  const table = processTable();
  const orphans = [];
  for (const row of table.values()) {
    if (mine.has(row.pid) || row.state === 'Z') continue;
    let tag;
    try {
      tag = /(?:^|\0)GIGGLE_RUN_TAG=(\d+)-[a-z0-9]+(?:\0|$)/.exec(readFileSync(`/proc/${row.pid}/environ`, 'latin1'));
    } catch {
      continue;
    }
    if (!tag || tag[0].includes(RUN_TAG)) continue;
    const owner = Number(tag[1]);
    if (owner !== row.pid && !isAlive(owner)) orphans.push(row);
  }
  for (const row of orphans) signal(row.pid, 'SIGKILL');
  if (orphans.length) await sleep(200);
  return orphans;
}

/**
 * The final check of every test script: kills and reports any process of
 * this run still alive. Resolves with the list of what was found.
 */
export async function killLeftovers() {
  const found = leftovers();
  for (const row of found) signal(row.pid, 'SIGKILL');
  if (found.length) await sleep(200);
  return found;
}

function isAlive(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z'; // a zombie has already ended
  } catch {
    return false;
  }
}

/** The process, its descendants, and every member of its process group. */
export function processTree(rootPid, table = processTable()) {
  const found = new Set([rootPid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const row of table.values()) {
      if (found.has(row.pid)) continue;
      if (found.has(row.ppid) || row.pgid === rootPid) {
        found.add(row.pid);
        grew = true;
      }
    }
  }
  return [...found].filter((pid) => table.has(pid) || pid === rootPid);
}

/** Processes whose command line contains `needle` (e.g. a run's temp folder). */
export function processesMatching(needle) {
  return [...processTable().values()].filter((row) => row.pid !== process.pid && row.cmd.includes(needle));
}

function signal(pid, sig) {
  try {
    process.kill(pid, sig);
  } catch {
    /* already gone */
  }
}

/**
 * Stops `pid`, its process group and all its descendants: SIGTERM, then
 * SIGKILL after `graceMs`. Resolves with the pids that are *still* alive
 * (empty when all is well).
 */
export async function killTree(pid, { graceMs = 3000 } = {}) {
  if (!pid) return [];
  const pids = processTree(pid);
  signal(-pid, 'SIGTERM');
  for (const p of pids) signal(p, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && pids.some(isAlive)) await sleep(50);
  // Children started during the grace period are caught by a second look.
  const survivors = [...new Set([...pids, ...processTree(pid)])].filter(isAlive);
  if (survivors.length) {
    signal(-pid, 'SIGKILL');
    for (const p of survivors) signal(p, 'SIGKILL');
    const killDeadline = Date.now() + 2000;
    while (Date.now() < killDeadline && survivors.some(isAlive)) await sleep(50);
  }
  live.delete(pid);
  return survivors.filter(isAlive);
}

/**
 * Spawns a long-running server detached (its own process group) so that
 * killTree() can stop all of it. `name` is used in messages.
 */
export function spawnServer(name, command, args, options = {}) {
  const child = spawn(command, args, { ...options, detached: true });
  const exited = new Promise((resolve) => child.once('exit', (code, sig) => resolve({ code, signal: sig })));
  child.once('error', () => {});
  const stop = async () => {
    const survivors = await killTree(child.pid);
    if (survivors.length) throw new Error(`${name}: processes still alive after SIGKILL: ${survivors.join(', ')}`);
  };
  if (child.pid) live.set(child.pid, { name, stop });
  return { name, child, pid: child.pid, exited, stop };
}

/** Stops every server still registered (used on signals and in `finally`). */
export async function stopAll() {
  const errors = [];
  for (const [pid, entry] of [...live.entries()].reverse()) {
    try {
      await entry.stop();
    } catch (error) {
      errors.push(error);
    }
    live.delete(pid);
  }
  return errors;
}

let handlersInstalled = false;
/**
 * On Ctrl+C / SIGTERM / SIGHUP: run `cleanup` (plus stopAll) once, then exit.
 * A second Ctrl+C exits at once.
 */
export function onSignals(cleanup = async () => {}) {
  if (handlersInstalled) return;
  handlersInstalled = true;
  let stopping = false;
  const handler = async (sig) => {
    if (stopping) process.exit(130);
    stopping = true;
    console.error(`\n${sig}: stopping everything this script started...`);
    try {
      await cleanup();
    } finally {
      await stopAll();
      process.exit(sig === 'SIGINT' ? 130 : 143);
    }
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, handler);
}

/**
 * The common end of every driver's cleanup: stop what it spawned, kill (and
 * report) anything that outlived the run, drop the throw-away profile.
 * Returns true when nothing had to be forced.
 */
export async function finishRun(errors, profile) {
  errors.push(...(await stopAll()));
  const left = await killLeftovers();
  if (left.length) errors.push(new Error(`processes outlived the run (now killed): ${left.map((p) => `${p.pid} ${p.cmd.slice(0, 100)}`).join('; ')}`));
  if (profile && !process.env.GIGGLE_KEEP_PROFILE) profile.remove();
  for (const e of errors) console.error(`cleanup: ${e.message ?? e}`);
  return errors.length === 0;
}

/** At a driver's start: stops processes left behind by an earlier run that was killed outright. */
export async function reapAtStart(say) {
  const reaped = await reapOrphans();
  if (reaped.length) say(`stopped ${reaped.length} process(es) left behind by an earlier run that was killed`);
}
