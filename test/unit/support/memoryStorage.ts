// The jobs file in memory, for tests of the store and of everything that
// saves through it: what a reloaded window would read back, and every write.
import type { Job, MvJob } from '../../../src/jobs/jobTypes';
import type { JobsStorage } from '../../../src/jobs/jobStore';
import { parseJobsFile } from '../../../src/jobs/persistedJobs';

export class MemoryStorage implements JobsStorage {
  text: string | undefined;
  /** Every text written, in order. */
  readonly writes: string[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  /** One save at a time, as the file's lock makes it between windows. */
  exclusive<T>(action: () => Promise<T>): Promise<T> {
    const run = this.queue.then(action);
    this.queue = run.catch(() => undefined);
    return run;
  }
  async read(): Promise<string | undefined> {
    return this.text;
  }
  async write(text: string): Promise<void> {
    this.text = text;
    this.writes.push(text);
  }
  /** The jobs as a reloaded window would see them. */
  jobs(): Job[] {
    return parseJobsFile(this.text).jobs;
  }
  ids(): string[] {
    return this.jobs().map((job) => job.id);
  }
  job(id: string): Job | undefined {
    return this.jobs().find((job) => job.id === id);
  }
  mvJob(id: string): MvJob | undefined {
    const job = this.job(id);
    return job?.kind === 'mv' ? job : undefined;
  }
}
