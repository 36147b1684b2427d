/**
 * Jobs persisted as a JSON file under the extension's global storage folder,
 * on the extension host's disk: it outlives window reloads and, in
 * code-server, a change of browser (globalState lives in the browser there,
 * see ../shared/real-vscode.md). Written to a temporary file and renamed, so
 * a crash mid-write never leaves half a file.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { JobsStorage } from '../jobs/jobStore';

export function fileJobsStorage(folder: string, fileName = 'jobs.json'): JobsStorage {
  const file = path.join(folder, fileName);
  return {
    async read() {
      try {
        return await readFile(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async write(text) {
      await mkdir(folder, { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, text, 'utf8');
      await rename(temporary, file);
    },
  };
}
