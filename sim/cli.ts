/**
 * `npm run sim -- --port 8787 --time-scale 0.2 --key sim-demo-key`
 *
 * The first stdout line is `GIGGLE_SIM_URL=...`, which other scripts parse;
 * then a short guide; then one line per request. The key and signed query
 * strings are never printed.
 */
import { startSimulator } from './simulator';
import type { LogEntry } from './types';

interface CliOptions {
  port: number;
  timeScale: number;
  keys: string[];
  lag?: number;
  urlTtlMs?: number;
}

const USAGE = 'usage: npm run sim -- [--port 8787] [--time-scale 1] [--key sim-demo-key]... [--download-lag 2] [--url-ttl-ms N]';

export function parseArgs(argv: string[]): CliOptions {
  const options: CliOptions = { port: 8787, timeScale: 1, keys: [] };
  for (let i = 0; i < argv.length; i++) {
    // `--flag=value` as well as `--flag value`; only the first `=` splits (keys may contain `=`).
    const equals = argv[i].startsWith('--') ? argv[i].indexOf('=') : -1;
    const flag = equals > 0 ? argv[i].slice(0, equals) : argv[i];
    const inline = equals > 0 ? argv[i].slice(equals + 1) : undefined;
    const value = (): string => {
      const next = inline ?? argv[++i];
      if (next === undefined) throw new Error(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case '--port':
        options.port = integer(value(), flag, 0, 65535);
        break;
      case '--time-scale':
        options.timeScale = Number(value());
        if (!(options.timeScale >= 0)) throw new Error('--time-scale must be a non-negative number');
        break;
      case '--key':
        options.keys.push(value());
        break;
      case '--download-lag':
        options.lag = integer(value(), flag, 0, 1000);
        break;
      case '--url-ttl-ms':
        options.urlTtlMs = integer(value(), flag, 1000, 7 * 24 * 3_600_000);
        break;
      case '--help':
      case '-h':
        throw new Error(USAGE);
      default:
        throw new Error(`unknown option ${flag}\n${USAGE}`);
    }
  }
  if (options.keys.length === 0) options.keys.push('sim-demo-key');
  return options;
}

function integer(text: string, flag: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${flag} must be an integer from ${min} to ${max}`);
  return value;
}

export function formatLog(entry: LogEntry): string {
  const time = new Date().toISOString().slice(11, 23);
  const status = entry.status === 0 ? '---' : String(entry.status);
  const fault = entry.fault ? ` [fault: ${entry.fault}]` : '';
  return `${time} ${entry.method.padEnd(6)} ${status} ${entry.path} ${entry.ms}ms${fault}`;
}

async function main(): Promise<void> {
  let options: CliOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  const sim = await startSimulator({
    port: options.port,
    timeScale: options.timeScale,
    apiKeys: options.keys,
    downloadUrlLagPolls: options.lag,
    signedUrlTtlMs: options.urlTtlMs,
    onLog: (entry) => console.log(formatLog(entry)),
  });
  console.log(`GIGGLE_SIM_URL=${sim.url}`);
  console.log(
    [
      `Giggle simulator listening on ${sim.url} (time scale ${options.timeScale}; ${options.keys.length} API key(s) accepted)`,
      `  Point the extension's Giggle base URL at ${sim.url} and use an API key given with --key.`,
      '  Prompt markers: [two] two URLs, [fail] failure, [sensitive] moderation, [slow] ten times longer.',
      '  MV project name markers: [fail:music-generate|storyboard|shot|editor] fails that step once.',
      `  Control: GET ${sim.url}/__sim/health, /__sim/requests; POST /__sim/faults, /__sim/reset, /__sim/advance.`,
      '  Ctrl+C stops it.',
    ].join('\n'),
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping simulator`);
    sim.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

// Only run when started as a program, so tests can import parseArgs/formatLog.
if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`simulator failed to start: ${(error as Error).message}`);
    process.exit(1);
  });
}
