// The CLI's outputs as one set: the folder is checked before any analysis starts (clean bilingual
// errors, no stack trace); every file is written under a temporary name in the same folder (created
// exclusively, so nothing is ever written through an existing file or link) and synced; only when all
// are written are they renamed into place, the previous run's files first moved aside and restored
// if a rename fails. A failed or interrupted run therefore leaves the previous outputs as they were,
// never a mix of old and new. An output name that is a symbolic link is refused, not followed.

import { createWriteStream, type WriteStream } from 'node:fs';
import { access, constants, lstat, mkdir, open, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppError, Result } from '../../src/core/types.ts';
import { fail, ok } from '../../src/core/types.ts';

function folderError(code: string, zh: string, en: string, file?: string): Result<never> {
  const error: AppError = { code, message: { zh, en } };
  if (file) error.file = file;
  return fail(error);
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code ?? (error instanceof Error ? error.message : String(error));
}

async function statOrNull(path: string) {
  try {
    return await lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Creates the folder if needed and checks that every output can be written there; run before the analysis. */
export async function checkOutputFolder(directory: string, names: readonly string[]): Promise<Result<void>> {
  try {
    await mkdir(directory, { recursive: true });
  } catch (error) {
    return folderError('output-folder', `无法创建输出文件夹（${reason(error)}）`, `cannot create the output folder (${reason(error)})`, directory);
  }
  try {
    const folder = await lstat(directory).catch(() => null);
    if (folder && !folder.isDirectory() && !folder.isSymbolicLink()) {
      return folderError('output-folder', '输出路径不是文件夹', 'the output path is not a folder', directory);
    }
    await access(directory, constants.W_OK | constants.X_OK);
  } catch (error) {
    return folderError('output-folder', `输出文件夹不可写（${reason(error)}）`, `the output folder is not writable (${reason(error)})`, directory);
  }
  for (const name of names) {
    const path = join(directory, name);
    let stat;
    try {
      stat = await statOrNull(path);
    } catch (error) {
      return folderError('output-file', `无法检查输出文件（${reason(error)}）`, `cannot check the output file (${reason(error)})`, path);
    }
    if (stat?.isSymbolicLink()) {
      return folderError('output-symlink', '输出文件是符号链接，拒绝写入（请删除该链接或换一个输出文件夹）', 'the output file is a symbolic link; refusing to write through it (remove the link or choose another output folder)', path);
    }
    if (stat && !stat.isFile()) return folderError('output-file', '输出文件名已被文件夹或特殊文件占用', 'the output name is taken by a folder or a special file', path);
  }
  return ok(undefined);
}

interface Pending {
  name: string;
  temporary: string;
  finished: Promise<void>;
}

/** Files written under temporary names, renamed into place together by commit(). */
export class OutputSet {
  private readonly pending: Pending[] = [];
  private readonly tag = `${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

  constructor(readonly directory: string) {}

  private temporaryPath(name: string): string {
    return join(this.directory, `.${name}.${this.tag}.tmp`);
  }

  /** Writes a whole file, text (UTF-8) or bytes (exclusive create: an existing name or link is never opened). */
  async write(name: string, content: string | Uint8Array): Promise<void> {
    const temporary = this.temporaryPath(name);
    const entry: Pending = { name, temporary, finished: Promise.resolve() };
    this.pending.push(entry);
    const handle = await open(temporary, 'wx', 0o644);
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  /** A stream for a large file written piece by piece (end() it; commit() waits for it to finish). */
  stream(name: string): WriteStream {
    const temporary = this.temporaryPath(name);
    const stream = createWriteStream(temporary, { flags: 'wx', mode: 0o644, encoding: 'utf8' });
    const finished = new Promise<void>((resolve, reject) => {
      stream.on('close', () => (stream.errored ? reject(stream.errored) : resolve()));
      stream.on('error', reject);
    });
    this.pending.push({ name, temporary, finished });
    return stream;
  }

  /** Renames every file into place; on any failure restores the previous outputs and removes the new ones. */
  async commit(): Promise<string[]> {
    try {
      await Promise.all(this.pending.map((entry) => entry.finished));
    } catch (error) {
      await this.abort();
      throw error;
    }
    const moved: { final: string; backup: string }[] = [];
    const placed: string[] = [];
    try {
      for (const entry of this.pending) {
        const final = join(this.directory, entry.name);
        const stat = await statOrNull(final);
        if (stat?.isSymbolicLink()) throw Object.assign(new Error(`${final} became a symbolic link`), { code: 'ESYMLINK' });
        if (stat) {
          const backup = join(this.directory, `.${entry.name}.${this.tag}.previous`);
          await rename(final, backup);
          moved.push({ final, backup });
        }
      }
      for (const entry of this.pending) {
        const final = join(this.directory, entry.name);
        await rename(entry.temporary, final);
        placed.push(final);
      }
    } catch (error) {
      for (const final of placed) await unlink(final).catch(() => undefined);
      for (const { final, backup } of moved) await rename(backup, final).catch(() => undefined);
      await this.abort();
      throw error;
    }
    await Promise.all(moved.map(({ backup }) => unlink(backup).catch(() => undefined)));
    return this.pending.map((entry) => join(this.directory, entry.name));
  }

  /** Removes the temporary files (after a failure). */
  async abort(): Promise<void> {
    await Promise.all(this.pending.map((entry) => unlink(entry.temporary).catch(() => undefined)));
  }
}

/** A write failure as a bilingual error naming the folder. */
export function writeFailure(directory: string, error: unknown): AppError {
  return {
    code: 'output-write',
    file: directory,
    message: {
      zh: `写入输出失败（${reason(error)}）；上一次的输出保持不变`,
      en: `writing the outputs failed (${reason(error)}); the previous outputs are unchanged`,
    },
  };
}
