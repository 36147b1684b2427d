/**
 * The extension's services, built once and handed to every command (the
 * rust-analyzer `Ctx` pattern). Two layers, matching the two bundles:
 * CoreServices are built in activate() (dist/extension.js); GiggleContext
 * adds the API client, built when the features bundle (dist/features.js)
 * is first needed.
 */
import type * as vscode from 'vscode';
import type { GiggleClient } from './giggle/client';
import type { JobStore } from './jobs/jobStore';
import type { JobFollower } from './jobs/jobFollower';
import type { ApiKeyStore } from './platform/apiKey';
import type { Log } from './platform/log';
import type { JobsTreeProvider, JobTreeNode } from './views/jobsTree';

export interface CoreServices {
  readonly extension: vscode.ExtensionContext;
  readonly log: Log;
  readonly keys: ApiKeyStore;
  readonly store: JobStore;
  readonly follower: JobFollower;
  readonly tree: JobsTreeProvider;
  readonly treeView: vscode.TreeView<JobTreeNode>;
}

export interface GiggleContext extends CoreServices {
  /** Rebuilt when the base URL or timeout setting changes; always read it through this getter. */
  client(): GiggleClient;
  /** A client that uses the given key instead of the stored one (to check a key before saving it). */
  clientWithKey(key: string): GiggleClient;
}
