// The Jobs tree with 1,000 jobs in the real extension host: every job is
// listed and rendered, and a status change re-renders only the changed row
// (onDidChangeTreeData fires with that row's node, not "everything"), so a
// busy poller does not redraw a long history. Timing is the benchmarks' job
// (BENCHMARKS.md, restore section); this checks the behaviour.
import * as assert from 'assert';
import { JobStore } from '../../src/jobs/jobStore';
import type { VideoJob } from '../../src/jobs/jobTypes';
import { serializeJobs } from '../../src/jobs/persistedJobs';
import { mvPresentation } from '../../src/jobs/mvFollowing';
import { JobsTreeProvider } from '../../src/views/jobsTree';
import type { JobTreeNode } from '../../src/views/jobsTree';
import { jobHistory } from '../../bench/jobHistory';

describe('Jobs tree at scale (1,000 jobs)', function () {
  this.timeout(30_000);
  let store: JobStore;
  let tree: JobsTreeProvider;

  before(async () => {
    const text = serializeJobs(jobHistory(1_000));
    store = new JobStore({ read: async () => text, write: async () => undefined }, { maxJobs: () => 5_000 });
    await store.load();
    tree = new JobsTreeProvider(store, mvPresentation);
  });

  after(() => {
    tree.dispose();
    store.dispose();
  });

  it('lists and renders all 1,000 restored jobs', async () => {
    const roots = tree.getChildren();
    assert.strictEqual(roots.length, 1_000);
    const items = roots.map((node) => tree.getTreeItem(node));
    assert.ok(items.every((item) => typeof item.label === 'string' && item.label.length > 0), 'every row has a label');
  });

  it('a status change fires onDidChangeTreeData with that row only', async () => {
    const roots = tree.getChildren();
    const target = roots.find((node) => node.type === 'job' && store.get(node.jobId)?.kind === 'video')!;
    const fired: (JobTreeNode | undefined)[] = [];
    const subscription = tree.onDidChangeTreeData((node) => fired.push(node ?? undefined));
    try {
      store.update<VideoJob>(target.jobId, () => ({ phase: 'failed' }));
      assert.strictEqual(fired.length, 1, 'one change event');
      assert.strictEqual(fired[0], target, 'fired with the changed row (the same node object the tree holds), not undefined');
      assert.match(String(tree.getTreeItem(target).description), /failed/);
      // The other rows keep their node identity, so VS Code keeps their rendering.
      assert.ok(tree.getChildren().every((node, i) => node === roots[i]), 'no row was rebuilt');
    } finally {
      subscription.dispose();
    }
  });

  it('adding or removing a job refreshes the list once', async () => {
    const fired: (JobTreeNode | undefined)[] = [];
    const subscription = tree.onDidChangeTreeData((node) => fired.push(node ?? undefined));
    try {
      const victim = tree.getChildren()[500];
      store.remove(victim.type === 'job' ? victim.jobId : '');
      assert.deepStrictEqual(fired, [undefined]);
      assert.strictEqual(tree.getChildren().length, 999);
    } finally {
      subscription.dispose();
    }
  });
});
