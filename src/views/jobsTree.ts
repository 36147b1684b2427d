/**
 * The Jobs view. Nodes are cached per job so a status change re-renders only
 * that item (onDidChangeTreeData fired with the node, not undefined); MV
 * projects expand into their four steps.
 */
import * as vscode from 'vscode';
import type { Job, MvJob } from '../jobs/jobTypes';
import { videoLinks } from '../jobs/jobTypes';
import type { JobStore } from '../jobs/jobStore';
import { jobContextValue, LINK_CONTEXT_VALUE, STEP_CONTEXT_VALUE } from './contextValues';
import { jobDescription, jobIcon, jobLabel, jobTooltipLines } from './jobPresentation';
import { redactUrl } from '../giggle/signedUrls';
import { isSafeLink } from '../giggle/linkGuard';
import { inertText } from '../giggle/serviceText';
import { mvStepLabel } from '../jobs/mvPresentation';

export interface StepView {
  step: string;
  state: string;
  error?: string;
}

export interface MvPresentation {
  currentStepLabel(job: MvJob): string | undefined;
  stepsOf(job: MvJob): StepView[];
}

export type JobTreeNode =
  | { type: 'job'; jobId: string }
  | { type: 'step'; jobId: string; index: number }
  | { type: 'link'; jobId: string; index: number };

export class JobsTreeProvider implements vscode.TreeDataProvider<JobTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<JobTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly nodes = new Map<string, JobTreeNode>();
  private readonly subscriptions: { dispose(): void }[];

  constructor(
    private readonly store: JobStore,
    private readonly mv: MvPresentation,
  ) {
    this.subscriptions = [
      store.onDidChange((job, change) => {
        if (change === 'updated' && this.nodes.has(job.id)) this.changed.fire(this.nodes.get(job.id));
        else {
          if (change === 'removed') this.nodes.delete(job.id);
          this.changed.fire(undefined);
        }
      }),
      // The view may ask for its rows before the saved list is read.
      store.onDidLoad(() => this.changed.fire(undefined)),
    ];
  }

  nodeFor(jobId: string): JobTreeNode {
    let node = this.nodes.get(jobId);
    if (!node) {
      node = { type: 'job', jobId };
      this.nodes.set(jobId, node);
    }
    return node;
  }

  getChildren(element?: JobTreeNode): JobTreeNode[] {
    if (!element) return this.store.list().map((job) => this.nodeFor(job.id));
    if (element.type !== 'job') return [];
    const job = this.store.get(element.jobId);
    if (!job) return [];
    if (job.kind === 'mv') {
      const steps = this.mv.stepsOf(job).map((_, index): JobTreeNode => ({ type: 'step', jobId: job.id, index }));
      return steps;
    }
    const links = videoLinks(job);
    return links.length > 1 ? links.map((_, index): JobTreeNode => ({ type: 'link', jobId: job.id, index })) : [];
  }

  getParent(element: JobTreeNode): JobTreeNode | undefined {
    return element.type === 'job' ? undefined : this.nodeFor(element.jobId);
  }

  getTreeItem(element: JobTreeNode): vscode.TreeItem {
    const job = this.store.get(element.jobId);
    if (!job) return new vscode.TreeItem(vscode.l10n.t('(removed)'));
    if (element.type === 'step' && job.kind === 'mv') return this.stepItem(job, element.index);
    if (element.type === 'link') return this.linkItem(job, element.index);
    return this.jobItem(job);
  }

  private jobItem(job: Job): vscode.TreeItem {
    const hasChildren = job.kind === 'mv' || videoLinks(job).length > 1;
    const item = new vscode.TreeItem(jobLabel(job), hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = job.id;
    const stepLabel = job.kind === 'mv' ? this.mv.currentStepLabel(job) : undefined;
    item.description = jobDescription(job, Date.now(), stepLabel);
    item.iconPath = new vscode.ThemeIcon(jobIcon(job));
    item.contextValue = jobContextValue(job);
    const tooltip = new vscode.MarkdownString(jobTooltipLines(job).join('  \n'), true);
    const thumbnail = job.kind === 'mv' ? job.project?.videoAsset?.thumbnailUrl : undefined;
    // A web link only (a file: or vscode: one would be loaded by the hover), and one that cannot end the image's ( ).
    if (thumbnail && isSafeLink(thumbnail) && !/[()<>|]/.test(thumbnail)) {
      tooltip.appendMarkdown(`\n\n![thumbnail](${thumbnail}|width=240)`);
    }
    item.tooltip = tooltip;
    if (videoLinks(job).length > 0) {
      item.command = { command: 'giggle.openVideo', title: vscode.l10n.t('Open Video'), arguments: [this.nodeFor(job.id)] };
    } else {
      item.command = { command: 'giggle.showJobDetails', title: vscode.l10n.t('Show Details'), arguments: [this.nodeFor(job.id)] };
    }
    return item;
  }

  private stepItem(job: MvJob, index: number): vscode.TreeItem {
    const step = this.mv.stepsOf(job)[index];
    const item = new vscode.TreeItem(step ? mvStepLabel(step.step) : '?');
    const error = step?.error ? inertText(step.error) : undefined;
    item.description = step ? (error ? `${stepStateText(step.state)} · ${error}` : stepStateText(step.state)) : '';
    item.iconPath = new vscode.ThemeIcon(
      step?.state === 'done' ? 'check' : step?.state === 'failed' ? 'error' : step?.state === 'running' ? 'loading~spin' : 'circle-outline',
    );
    item.tooltip = error;
    item.contextValue = STEP_CONTEXT_VALUE;
    return item;
  }

  private linkItem(job: Job, index: number): vscode.TreeItem {
    const url = videoLinks(job)[index];
    const item = new vscode.TreeItem(vscode.l10n.t('Video {0}', index + 1));
    item.description = url ? redactUrl(url) : '';
    item.iconPath = new vscode.ThemeIcon('file-media');
    item.contextValue = LINK_CONTEXT_VALUE;
    item.command = { command: 'giggle.openVideo', title: vscode.l10n.t('Open Video'), arguments: [{ type: 'link', jobId: job.id, index }] };
    return item;
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }
}

/** A music video step's state in words (done, running, failed, waiting); an unknown state shows as is. */
function stepStateText(state: string): string {
  switch (state) {
    case 'done':
      return vscode.l10n.t({ message: 'done', args: [], comment: ['music video step state'] });
    case 'running':
      return vscode.l10n.t({ message: 'running', args: [], comment: ['music video step state'] });
    case 'failed':
      return vscode.l10n.t({ message: 'failed', args: [], comment: ['music video step state'] });
    case 'waiting':
      return vscode.l10n.t({ message: 'waiting', args: [], comment: ['music video step state'] });
    default:
      return state;
  }
}
