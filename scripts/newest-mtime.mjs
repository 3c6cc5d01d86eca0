// When a build's inputs last changed: the newest modification time of the files under a directory
// (node_modules and dist* left out). The build scripts compare it with their output's to skip work.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export async function newestMtime(dir) {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('dist')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, await newestMtime(full));
    else newest = Math.max(newest, (await stat(full)).mtimeMs);
  }
  return newest;
}
