// Secrets: the API key and signed video links must never leak. The fault
// matrix and the bad-input matrix (which run before this suite, in the same
// extension host) submit with a recognizable fake key the simulator accepts
// (GIGGLE_TEST_SECRET_KEY); this suite adds replies that echo the key and a
// signed link back in Giggle's error text, finishes a video (whose links carry
// real signatures), opens the generator panel and every job's details, and
// then searches everything the extension wrote or showed:
//   - the "Giggle" output channel (its log file on disk),
//   - every notification (message, buttons, detail), and command errors,
//   - every job's stored error / fault line (what the Jobs view shows),
//   - the job details documents,
//   - the generator panel's HTML and every message posted to it,
//   - user and workspace settings, and the persisted jobs file (key only),
// for the key and for any signature seen. Signed links in the log must be
// shortened to host + path + `…`.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { GiggleContext } from '../../src/context';
import type { Job, MvJob, VideoJob } from '../../src/jobs/jobTypes';
import { jobTooltipLines } from '../../src/views/jobPresentation';
import { submitVideoFromPanel } from '../../src/panel/submission';
import { createLog } from '../../src/platform/log';
import type { Log } from '../../src/platform/log';
import { showError } from '../../src/platform/notifications';
import { simClearFaults, simFault, simRequests, waitFor } from './helpers';
import { tinyPng } from './fixtures';
import { giggleLogFiles, giggleLogText, observe, profileRoot, shownSince, userDataFiles } from './reliability/observe';
import { api, marker, rejection, secretKey, sleep, useKey, waitForJob } from './reliability/common';

const SIGNED_QUERY = /[?&](Signature|Policy|Key-Pair-Id|X-Amz-Signature)=/;
/** A signature as a CDN would send it, planted in Giggle's error text. */
const FAKE_SIGNATURE = 'FAKESIG~k3Y9sEcReTsIgNaTuRe0x5eed';
const FAKE_SIGNED_URL = `https://cdn.giggle.example/v/fake.mp4?Expires=1999999999&Policy=eyJGQUtFIjoxfQ__&Signature=${FAKE_SIGNATURE}&Key-Pair-Id=KFAKEPAIR`;

function allText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? '';
}

suite('Secrets never leak', function () {
  this.timeout(120_000);
  const key = secretKey();
  const commandErrors: string[] = [];
  const signatures = new Set<string>([FAKE_SIGNATURE]);
  const detailDocuments: string[] = [];

  suiteSetup(async () => {
    await api();
    observe();
    await useKey(key);
  });

  teardown(async () => {
    await simClearFaults();
  });

  test('the fake key is recognizable and really in use', async () => {
    assert.match(key, /FAKE-SECRET/, 'the driver passes GIGGLE_TEST_SECRET_KEY (run through scripts/run-integration.mjs)');
    const withKey = (await simRequests()).filter((r) => r.headers['x-auth'] === key);
    assert.ok(withKey.length > 0, 'requests carried the fake key');
  });

  test('Giggle echoing the key and a signed link in its error text: the user never sees them', async () => {
    const giggle = await api();
    const echo = `rejected for key ${key}; see ${FAKE_SIGNED_URL}`;
    // A submission refused with the echo, as HTTP 500 and as a business error.
    for (const rule of [
      { kind: 'status', status: 500, message: echo },
      { kind: 'apiError', code: 40013, message: echo },
      { kind: 'apiError', code: 40014, message: `sensitive content (${echo})` },
    ] as const) {
      await simFault({ match: { method: 'POST', path: '/api/v1/generation/text-to-video' }, times: 1, ...rule });
      const error = await rejection(vscode.commands.executeCommand('giggle.generateVideo', { prompt: `${marker('secret')} echo`, model: 'grok' }));
      commandErrors.push(error.message);
    }
    // A background query answered with the echo: the job's fault line.
    const { jobId } = (await vscode.commands.executeCommand('giggle.generateVideo', { prompt: `${marker('secret')} [slow]`, model: 'grok' })) as { jobId: string };
    await waitForJob(giggle, jobId, (j) => (j.pollCount ?? 0) >= 1, 'a first query');
    await simFault({ match: { method: 'GET', path: '/api/v1/generation/task/query' }, kind: 'apiError', code: 50001, message: echo });
    const faulted = await waitForJob(giggle, jobId, (j) => !!j.fault, 'the fault line');
    await simClearFaults();
    assert.ok(!faulted.fault!.includes(key) && !faulted.fault!.includes(FAKE_SIGNATURE), `the fault line is redacted: ${faulted.fault}`);
    assert.match(faulted.fault!, /https:\/\/cdn\.giggle\.example\/v\/fake\.mp4…/, 'the link is shortened to host + path + …');
    for (const message of commandErrors) {
      assert.ok(!message.includes(key) && !message.includes(FAKE_SIGNATURE), `the error is redacted: ${message}`);
    }
  });

  test('a finished video: its signed links are used, never shown', async () => {
    const giggle = await api();
    const { jobId } = (await vscode.commands.executeCommand('giggle.generateVideo', { prompt: `${marker('secret')} [two] links`, model: 'grok' })) as { jobId: string };
    const done = await waitForJob<VideoJob>(giggle, jobId, (j) => j.phase === 'completed', 'the video', 30_000);
    for (const url of done.urls) {
      const signature = /[?&]Signature=([^&]+)/.exec(url)?.[1];
      assert.ok(signature, 'the link is signed');
      signatures.add(signature);
      signatures.add(decodeURIComponent(signature));
    }
    // Download it (logs its path) and open its details (a document the user reads).
    await vscode.commands.executeCommand('giggle.downloadVideo', jobId);
    // A download that fails logs the link it used.
    await simFault({ match: { method: 'GET', path: '/media/*' }, kind: 'status', status: 500, times: 1 });
    commandErrors.push((await rejection(vscode.commands.executeCommand('giggle.downloadVideo', jobId))).message);
    await simClearFaults();
  });

  test('job details and the generator panel show neither', async () => {
    const giggle = await api();
    // The jobs with something to hide: errors, fault lines, links (the details of the others are the same template).
    const interesting = giggle.listJobs().filter((j) => j.lastError || j.fault || (j.kind === 'video' && j.urls.length > 0));
    for (const job of interesting.slice(0, 12)) {
      await vscode.commands.executeCommand('giggle.showJobDetails', job.id);
      const text = vscode.window.activeTextEditor?.document.getText() ?? '';
      detailDocuments.push(text);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
    assert.ok(detailDocuments.some((d) => d.includes('Task:')), 'details were read');
    await vscode.commands.executeCommand('giggle.openGenerator');
    const record = await (async () => {
      for (let i = 0; i < 100; i++) {
        const found = observe().panels.find((p) => p.viewType === 'giggle.generator');
        if (found && found.posted.length > 0) return found;
        await sleep(100);
      }
      return observe().panels.find((p) => p.viewType === 'giggle.generator');
    })();
    assert.ok(record, 'the panel was created');
    const html = record.panel.webview.html;
    assert.ok(html.length > 0);
    for (const text of [html, allText(record.posted)]) {
      assert.ok(!text.includes(key), 'the key is not in the panel');
      for (const signature of signatures) assert.ok(!text.includes(signature), 'no signature is in the panel');
    }
    record.panel.dispose();
  });

  test('each in-host layer on its own: the log channel, error notifications, the panel\'s error result', async () => {
    const echo = `boom with ${key} at ${FAKE_SIGNED_URL}`;
    // The log channel redacts whatever it is given.
    const written: string[] = [];
    const win = vscode.window as unknown as Record<string, unknown>;
    const create = win.createOutputChannel;
    win.createOutputChannel = () => {
      const sink = (line: string) => written.push(line);
      return { info: sink, warn: sink, error: sink, debug: sink, trace: sink, show: () => undefined, dispose: () => undefined };
    };
    let log: Log;
    try {
      log = createLog(() => [key]);
    } finally {
      win.createOutputChannel = create;
    }
    log.info(echo);
    log.error(echo);
    // A notification made from any error is redacted, and so is its log line.
    const mark = observe().shown.length;
    const ctx = {
      keys: { known: () => key, get: async () => { throw new Error(echo); } },
      log,
      extension: { globalState: { get: () => undefined, update: async () => undefined, keys: () => [] } },
    } as unknown as GiggleContext;
    showError(ctx, new Error(echo), 'test');
    const notes = observe().shown.slice(mark).map((n) => n.message);
    assert.ok(notes.length === 1, 'one notification');
    // The panel turns a failed submission into a message for the webview: redacted too.
    const result = await submitVideoFromPanel(ctx, { type: 'submitVideo', requestId: 'r1', prompt: 'ok', model: 'grok', duration: 6, aspectRatio: '16:9', resolution: '720p' }, new Map());
    assert.strictEqual(result.ok, false);
    const panelText = JSON.stringify(result);
    for (const [what, text] of [['log lines', written.join('\n')], ['notification', notes.join('\n')], ['panel result', panelText]] as const) {
      assert.ok(text.length > 0, `${what} were produced`);
      assert.ok(!text.includes(key), `${what}: the key is masked (${text})`);
      assert.ok(!text.includes(FAKE_SIGNATURE) && !SIGNED_QUERY.test(text), `${what}: the link is shortened (${text})`);
    }
  });

  test('the search: log, notifications, errors, job lines, details, webview, settings', async () => {
    const giggle = await api();
    await sleep(1500); // the log channel writes to disk asynchronously
    const logFiles = giggleLogFiles();
    assert.ok(logFiles.length > 0, `the Giggle log file was found (log files: ${userDataFiles().filter((f) => /logs/.test(f)).slice(0, 30).join(', ')})`);
    const log = giggleLogText();
    assert.ok(log.split('\n').length > 20, 'the log has content to search');

    const shown = observe().shown.map((s) => [s.message, ...s.items, s.detail ?? ''].join(' \u2016 '));
    assert.ok(shown.length > 20, 'notifications were captured');
    const jobLines = giggle.listJobs().map((j: Job) => [j.lastError?.message ?? '', j.fault ?? ''].join(' \u2016 '));
    const panels = observe().panels.map((p) => `${(() => {
      try {
        return p.panel.webview.html;
      } catch {
        return '';
      }
    })()} ${allText(p.posted)}`);
    const root = profileRoot()!;
    const settingsFiles = [path.join(root, 'user-data', 'User', 'settings.json'), path.join(root, 'workspace', '.vscode', 'settings.json')]
      .filter((f) => fs.existsSync(f))
      .map((f) => fs.readFileSync(f, 'utf8'));
    const settings = [allText(vscode.workspace.getConfiguration('giggle')), ...settingsFiles];
    const jobsFiles = userDataFiles()
      .filter((f) => /globalStorage/.test(f) && /jobs\.json$/.test(f))
      .map((f) => fs.readFileSync(f, 'utf8'));
    assert.ok(jobsFiles.length > 0, 'the persisted jobs file was found');

    const places: Record<string, string[]> = {
      'output channel': [log],
      notifications: shown,
      'command errors': commandErrors,
      'job error and fault lines': jobLines,
      'job details': detailDocuments,
      'webview messages and HTML': panels,
      settings,
    };
    const leaks: string[] = [];
    for (const [place, texts] of Object.entries(places)) {
      texts.forEach((text, i) => {
        if (text.includes(key)) leaks.push(`${place} #${i}: the API key`);
        for (const signature of signatures) if (text.includes(signature)) leaks.push(`${place} #${i}: a signature (${signature.slice(0, 8)}…)`);
        if (SIGNED_QUERY.test(text) && place !== 'settings') leaks.push(`${place} #${i}: a signed query (${text.slice(Math.max(0, text.search(SIGNED_QUERY) - 60), text.search(SIGNED_QUERY) + 20)})`);
      });
    }
    for (const text of jobsFiles) if (text.includes(key)) leaks.push('persisted jobs file: the API key');
    assert.deepStrictEqual(leaks, [], 'secrets found');

    // Signed links in the log: host + path + "…".
    const mediaUrls = [...log.matchAll(/https?:\/\/[^\s"'<>/]+\/(?:media|upload)\/[^\s"'<>?…]*(.?)/g)];
    assert.ok(mediaUrls.length > 0, 'the log mentions video links (so the shortening is checked)');
    for (const [url, next] of mediaUrls) assert.strictEqual(next, '…', `shortened to host + path + … in the log: ${url}`);
    // The key was in use all along: the search would have found it.
    assert.ok((await simRequests()).some((r) => r.headers['x-auth'] === key));
  });

  suiteTeardown(async () => {
    await useKey(process.env.GIGGLE_TEST_KEY || 'sim-test-key').catch(() => undefined);
  });
});

// The generator panel as the extension really creates it (the pure CSP and
// protocol checks are in test/unit/reliability/webviewHardening.test.ts).
suite('Webview hardening (in the host)', function () {
  this.timeout(60_000);

  test('the generator panel: scripts only by nonce, minimal localResourceRoots, no command links', async () => {
    await api();
    await vscode.commands.executeCommand('giggle.openGenerator');
    let record = observe().panels.filter((p) => p.viewType === 'giggle.generator').at(-1);
    for (let i = 0; i < 50 && !record?.panel.webview.html; i++) {
      await sleep(100);
      record = observe().panels.filter((p) => p.viewType === 'giggle.generator').at(-1);
    }
    assert.ok(record, 'the panel was created through vscode.window.createWebviewPanel');
    const { options, panel } = record;
    const extensionRoot = vscode.extensions.getExtension('giggle-community.giggle-video')!.extensionUri;

    assert.strictEqual(options.enableScripts, true);
    assert.ok(!options.enableCommandUris, 'command: links are off');
    assert.ok(!options.retainContextWhenHidden, 'the webview does not stay alive hidden');
    const roots = (options.localResourceRoots ?? []).map((uri) => uri.path);
    assert.ok(roots.length > 0, 'localResourceRoots is set (the default would be the whole workspace and extension)');
    for (const root of roots) {
      assert.ok(root.startsWith(`${extensionRoot.path}/`), `${root} is inside the extension`);
      assert.ok(['media', 'dist'].includes(root.slice(extensionRoot.path.length + 1)), `${root} is one of media/, dist/`);
    }
    for (const folder of vscode.workspace.workspaceFolders ?? []) assert.ok(!roots.includes(folder.uri.path), 'no workspace folder is a resource root');

    const html = panel.webview.html;
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1]?.replace(/&#39;/g, "'");
    assert.ok(csp, 'the HTML carries a CSP');
    const scriptSrc = /script-src ([^;]+)/.exec(csp)?.[1]?.trim();
    const nonce = /<script nonce="([^"]+)"/.exec(html)?.[1];
    assert.ok(nonce && nonce.length >= 16, 'the script has a nonce');
    assert.strictEqual(scriptSrc, `'nonce-${nonce}'`, 'scripts: only the nonce');
    assert.ok(!/unsafe-inline|unsafe-eval/.test(csp), 'no unsafe-inline / unsafe-eval');
    assert.match(csp, /default-src 'none'/);
    if (options.enableForms) assert.match(csp, /form-action 'none'/, 'forms are enabled for their submit event only: they submit nowhere');
    assert.ok(csp.includes(panel.webview.cspSource.split(' ').pop()!), 'resources only from the webview\'s own origin');
    assert.strictEqual((html.match(/<script\b(?![^>]*type="application\/json")/g) ?? []).length, 1, 'one executable script element');
    // The other is the translations block: JSON data, which the CSP never runs.
    assert.strictEqual((html.match(/<script\b/g) ?? []).length, 2, 'one data block (translations) besides the script');

    // A second load gets a fresh nonce.
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    panel.dispose();
    await vscode.commands.executeCommand('giggle.openGenerator');
    const second = observe().panels.filter((p) => p.viewType === 'giggle.generator').at(-1)!;
    assert.notStrictEqual(second.panel, panel);
    const nonce2 = /<script nonce="([^"]+)"/.exec(second.panel.webview.html)?.[1];
    assert.ok(nonce2 && nonce2 !== nonce, 'a fresh nonce per load');
    second.panel.dispose();
  });
});

// Giggle's replies are data: its text never becomes a link that runs a command,
// and its links are never anything but web links (issue 15, items 3 and 4).
// The simulator's patchData fault stages the hostile replies.
suite('Giggle\'s text and links stay inert', function () {
  this.timeout(120_000);
  /** What VS Code's notifications turn into a clickable link (vs/base/common/linkedText.ts, 1.100). */
  const NOTIFICATION_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/i;
  /** An unescaped Markdown link, image or autolink (a backslash before `[`, `(` or `<` disarms it). */
  const LIVE_MARKDOWN_LINK = /(^|[^\\])(\]\(|<[a-z][a-z0-9+.-]*:)/i;
  const HOSTILE = '[run](command:giggle.clearApiKey) failed';
  const QUERY_TASK = '/api/v1/generation/task/query';
  const key = secretKey();

  suiteSetup(async () => {
    await api();
    observe();
    await useKey(key);
    const folder = vscode.workspace.workspaceFolders![0];
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder.uri, 'inert-cover.png'), tinyPng(4, 4));
  });

  teardown(async () => {
    await simClearFaults();
  });

  async function details(jobId: string): Promise<string> {
    await vscode.commands.executeCommand('giggle.showJobDetails', jobId);
    const text = vscode.window.activeTextEditor?.document.getText() ?? '';
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    return text;
  }

  /** The Markdown as VS Code's own Markdown extension renders it (the details are a Markdown document). */
  async function rendered(markdown: string): Promise<string> {
    return (await vscode.commands.executeCommand<string>('markdown.api.render', markdown)) ?? '';
  }

  test('a command link in err_msg, msg or a step error: shown as text, never as a link; the key stays', async () => {
    const giggle = await api();
    const mark = observe().shown.length;

    // 1. A refused submission (envelope msg) → the error notification.
    await simFault({ match: { method: 'POST', path: '/api/v1/generation/text-to-video' }, kind: 'apiError', code: 40013, message: HOSTILE, times: 1 });
    await rejection(vscode.commands.executeCommand('giggle.generateVideo', { prompt: `${marker('inert')} refused`, model: 'grok' }));

    // 2. A video whose task fails with the link in err_msg → "Video failed" and the job's error.
    const { jobId } = (await vscode.commands.executeCommand('giggle.generateVideo', { prompt: `${marker('inert')} [slow]`, model: 'grok' })) as { jobId: string };
    await waitForJob(giggle, jobId, (j) => (j.pollCount ?? 0) >= 1, 'a first query');
    await simFault({ match: { method: 'GET', path: QUERY_TASK }, kind: 'patchData', data: { status: 'failed', err_msg: HOSTILE } });
    const failed = await waitForJob(giggle, jobId, (j) => j.phase === 'failed', 'the video to fail');
    await simClearFaults();
    assert.match(failed.lastError?.message ?? '', /command:giggle\.clearApiKey/, 'Giggle\'s words are kept as they came');

    // 3. A music video step that fails with the link in its error and sub-step error.
    const mv = (await vscode.commands.executeCommand('giggle.generateMusicVideo', {
      name: `${marker('inert-mv')}`, aspect: '16:9', musicGenerateType: 'prompt', prompt: 'a song [slow]', referenceImageFile: 'inert-cover.png',
    })) as MvJob;
    const steps = [{ step: 'music-generate', status: 'failed', error: HOSTILE, sub_steps: [{ step: 'lyrics', status: 'failed', error: HOSTILE }] }];
    await simFault({ match: { method: 'GET', path: '/api/v1/trustee_mode/mv/query' }, kind: 'patchData', data: { current_step: 'music-generate', err_msg: HOSTILE, steps } });
    await waitForJob(giggle, mv.id, (j) => j.phase === 'failed', 'the step to fail');
    await waitFor(() => shownSince(mark).some((n) => /Music video/.test(n.message)), 5000, 'the step failure notification');
    await simClearFaults();

    const notes = shownSince(mark).map((n) => n.message).filter((m) => m.includes('command:giggle.clearApiKey'));
    assert.ok(notes.length >= 3, `the three notifications show Giggle's text: ${JSON.stringify(shownSince(mark).map((n) => n.message))}`);
    for (const note of notes) assert.doesNotMatch(note, NOTIFICATION_LINK, `no live link in the notification: ${note}`);

    // The tooltip and the details (a Markdown document), as written and as VS Code renders them.
    for (const id of [jobId, mv.id]) {
      const job = giggle.getJob(id)!;
      const tooltip = jobTooltipLines(job).join('  \n');
      const text = await details(id);
      assert.match(text, /command:giggle\.clearApiKey/, 'the details show Giggle\'s text');
      for (const [what, markdown] of [['tooltip', tooltip], ['details', text]] as const) {
        assert.doesNotMatch(markdown, LIVE_MARKDOWN_LINK, `no live link in the ${what}: ${markdown}`);
        const html = await rendered(markdown);
        assert.ok(html.length > 0, 'the Markdown extension rendered it');
        assert.doesNotMatch(html, /<a\s[^>]*href="command:/i, `the rendered ${what} has no command link: ${html}`);
      }
    }

    // Nothing ran the command: the key is still set and still sent.
    const before = (await simRequests()).length;
    await vscode.commands.executeCommand('giggle.generateVideo', { prompt: `${marker('inert')} key still here`, model: 'grok' });
    assert.ok((await simRequests()).slice(before).some((r) => r.headers['x-auth'] === key), 'the next submission carries the same key');
  });

  test('a vscode: or file: video link is never opened, copied or downloaded, and the user is told why', async () => {
    const giggle = await api();
    const signed = 'vscode://giggle-community.giggle-video/run?Expires=1999999999&Signature=INERTSIGxyz';
    const { jobId } = (await vscode.commands.executeCommand('giggle.generateVideo', { prompt: `${marker('inert-url')} [slow]`, model: 'grok' })) as { jobId: string };
    await waitForJob(giggle, jobId, (j) => (j.pollCount ?? 0) >= 1, 'a first query');
    await simFault({ match: { method: 'GET', path: QUERY_TASK }, kind: 'patchData', data: { status: 'completed', urls: [signed, 'file:///etc/passwd'] } });
    await waitForJob(giggle, jobId, (j) => j.phase === 'completed', 'the video to be "ready"');
    await simClearFaults();

    const opened: unknown[] = [];
    const env = vscode.env as unknown as { openExternal: (target: unknown) => Thenable<boolean> };
    const openExternal = env.openExternal;
    env.openExternal = async (target) => {
      opened.push(String(target));
      return false;
    };
    const videos = path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'videos');
    const files = () => (fs.existsSync(videos) ? fs.readdirSync(videos).sort() : []);
    const filesBefore = files();
    await vscode.env.clipboard.writeText('clipboard before');
    const mark = observe().shown.length;
    try {
      assert.strictEqual(await vscode.commands.executeCommand('giggle.openVideo', jobId), false, 'open refuses');
      assert.strictEqual(await vscode.commands.executeCommand('giggle.openVideo', { type: 'link', jobId, index: 1 }), false, 'open refuses the file: link');
      assert.strictEqual(await vscode.commands.executeCommand('giggle.copyVideoLink', jobId), undefined, 'copy refuses');
      assert.strictEqual(await vscode.commands.executeCommand('giggle.downloadVideo', { type: 'link', jobId, index: 1 }), undefined, 'download refuses');
      assert.strictEqual(await vscode.commands.executeCommand('giggle.previewVideo', jobId), undefined, 'preview refuses');
    } finally {
      env.openExternal = openExternal;
    }
    assert.deepStrictEqual(opened, [], 'nothing reached openExternal');
    assert.strictEqual(await vscode.env.clipboard.readText(), 'clipboard before', 'nothing was copied');
    assert.deepStrictEqual(files(), filesBefore, 'nothing was downloaded');

    const told = shownSince(mark).filter((n) => n.level === 'error').map((n) => n.message);
    assert.strictEqual(told.length, 5, `one message per action: ${JSON.stringify(told)}`);
    for (const [i, scheme] of ['vscode:', 'file:', 'vscode:', 'file:', 'vscode:'].entries()) {
      assert.ok(told[i].includes(`not a web address (${scheme})`) && /only https links/.test(told[i]), `a clear message: ${told[i]}`);
      assert.ok(!told[i].includes('INERTSIG') && !told[i].includes('/etc/passwd'), `the link itself is not shown: ${told[i]}`);
    }
    // The log says what happened, by scheme only (the link may be signed).
    const log = await waitFor(() => (/not https \(vscode:\)/.test(giggleLogText()) ? giggleLogText() : undefined), 5000, 'the log line');
    assert.ok(!log.includes('INERTSIG'), 'the signed link is not in the log');
  });
});
