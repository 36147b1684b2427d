/**
 * One object that holds the extension's services, built once in activate()
 * and handed to every command (the rust-analyzer `Ctx` pattern). Commands
 * stay small because everything they need is here.
 */
import type * as vscode from 'vscode';
import type { GiggleClient } from './giggle/client';
import type { JobStore } from './jobs/jobStore';
import type { JobFollower } from './jobs/jobFollower';
import type { ApiKeyStore } from './platform/apiKey';
import type { Log } from './platform/log';
import type { JobsTreeProvider, JobTreeNode } from './views/jobsTree';

export interface GiggleContext {
  readonly extension: vscode.ExtensionContext;
  readonly log: Log;
  readonly keys: ApiKeyStore;
  /** Rebuilt when the base URL or timeout setting changes; always read it through this getter. */
  client(): GiggleClient;
  /** A client that uses the given key instead of the stored one (to check a key before saving it). */
  clientWithKey(key: string): GiggleClient;
  readonly store: JobStore;
  readonly follower: JobFollower;
  readonly tree: JobsTreeProvider;
  readonly treeView: vscode.TreeView<JobTreeNode>;
}
