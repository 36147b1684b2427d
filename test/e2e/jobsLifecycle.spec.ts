// A job outlives the window: reload mid-generation and it is still there and
// completes; "Open in Browser" hands the browser the exact signed link (the
// simulator refuses a link whose signature bytes were re-encoded).
import * as assert from 'assert';
import * as net from 'net';
import { e2eEnv, useWorkbench } from './support/fixtures';
import { simControl } from './support/sim';

/**
 * code-server rewrites links to 127.0.0.1/localhost into its port-forwarding
 * proxy, which real Giggle links (on a CDN) never go through. So the links are
 * signed for 127.0.0.2, another loopback address, forwarded to the simulator.
 */
async function startLoopbackForwarder(target: URL): Promise<{ origin: string; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => s.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    origin: `http://127.0.0.2:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

async function setPublicOrigin(origin: string | null): Promise<void> {
  await simControl('POST', 'public-origin', { origin });
}

describe('Jobs across reloads and into the browser', function () {
  this.timeout(120_000);
  const ui = useWorkbench();
  const prompt = `Slow clouds over a lake [slow] ${Date.now().toString(36)}`;

  before(function () {
    if (!e2eEnv.simUrl) this.skip();
  });

  it('keeps a job through a window reload and follows it to completion', async () => {
    const { wb } = ui;
    await wb.runCommand('Giggle: Set API Key');
    await wb.answerQuickInput(e2eEnv.key);
    await wb.waitForNotification(/Giggle API key saved/);

    await wb.runCommand('Giggle: Generate Video');
    await wb.acceptDefaultsUntilInputBox({ title: /Generate Video/ });
    await wb.answerQuickInput(prompt, { title: /Generate Video/ });
    await wb.confirmQuickPick(/^Submit — /, { title: /Generate Video/ });
    await wb.openViewContainer('Giggle');
    const row = wb.treeItem('Jobs', /^Slow clouds over a lake/);
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    assert.doesNotMatch((await row.textContent()) ?? '', /ready/, 'the job is still generating before the reload');
    // Its details: a read-only document (closing it asks nothing).
    await wb.treeItemContextMenu('Jobs', /^Slow clouds over a lake/, 'Show Job Details');
    const details = wb.page.locator('.monaco-editor .view-lines', { hasText: /Model:\sgrok/ }).first();
    await details.waitFor({ state: 'visible', timeout: 15_000 });
    await wb.runCommand('View: Close All Editors');
    await details.waitFor({ state: 'detached', timeout: 5_000 }); // an untitled document would ask whether to save it, and stay
    assert.strictEqual(await wb.page.locator('.monaco-dialog-box').count(), 0, 'no "save?" dialog');

    await wb.page.reload();
    await wb.waitReady();
    await wb.openViewContainer('Giggle');
    const again = wb.treeItem('Jobs', /^Slow clouds over a lake/);
    await again.waitFor({ state: 'visible', timeout: 30_000 });
    await again.locator('.label-description', { hasText: /ready/ }).waitFor({ state: 'visible', timeout: 90_000 });

    const requests = (await simControl('GET', 'requests')) as { method: string; body?: { prompt?: string } }[];
    assert.strictEqual(requests.filter((r) => r.method === 'POST' && r.body?.prompt === prompt).length, 1, 'submitted exactly once across the reload');
  });

  it('opens the finished video in the browser with its signature intact', async () => {
    const { wb, context } = ui;
    const forwarder = await startLoopbackForwarder(new URL(e2eEnv.simUrl!));
    await setPublicOrigin(forwarder.origin);
    try {
      await openAndCheck();
    } finally {
      await setPublicOrigin(null);
      await forwarder.close();
    }

    async function openAndCheck() {
      const popup = context.waitForEvent('page', { timeout: 30_000 });
      const row = wb.treeItem('Jobs', /^Slow clouds over a lake/);
      await row.click();
      // VS Code asks before opening an external site it does not trust yet.
      const open = wb.page.locator('.monaco-dialog-box .monaco-button', { hasText: /^Open$/ });
      if (await open.waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false)) await open.click();
      const page = await popup;
      const url = page.url();
      assert.match(url, /Signature=/);
      assert.match(url, /Key-Pair-Id=/);
      assert.doesNotMatch(url, /response-content-disposition/, 'the playable link drops the download disposition');
      assert.doesNotMatch(url, /~/, '~ is sent as %7E');
      const status = (await fetch(url)).status;
      assert.strictEqual(status, 200, 'the simulator accepts the signature the browser was given');
      assert.ok(url.startsWith(forwarder.origin), `opened ${url.slice(0, 40)}…`);
      await page.close();
    }
  });

  it('lists a finished job after a reload, with nothing left to follow, and offers its video commands', async () => {
    const { wb } = ui;
    // A finished job changes no more: after the reload only the restored list can show it.
    const reloaded = wb.page.waitForEvent('domcontentloaded', { timeout: 60_000 });
    await wb.runCommand('Developer: Reload Window');
    await reloaded;
    await wb.waitReady();
    await wb.openViewContainer('Giggle');
    await wb.treeItem('Jobs', /^Slow clouds over a lake/).locator('.label-description', { hasText: /ready/ }).waitFor({ state: 'visible', timeout: 15_000 });
    assert.ok(await wb.paletteHasCommand('Giggle: Copy Video Link'), 'the video commands are in the palette after the reload');
  });
});
