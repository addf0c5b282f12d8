// The CLI's output set in-process: all-or-nothing replacement of a previous run, no writing through
// symbolic links, and control characters escaped in what the CLI prints.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkOutputFolder, OutputSet } from '../../scripts/lib/write-output-set.ts';
import { escapeForTerminal } from '../../scripts/lib/escape-for-terminal.ts';

const work = mkdtempSync(join(tmpdir(), 'gapmap-outputs-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A fresh output folder under the test's temporary directory. */
function previousRun(name: string): string {
  return join(work, name);
}

describe('OutputSet', () => {
  it('replaces the previous run only when every file is written', async () => {
    const dir = previousRun('complete');
    expect((await checkOutputFolder(dir, ['a.csv', 'b.json'])).ok).toBe(true);
    writeFileSync(join(dir, 'a.csv'), 'old a');
    writeFileSync(join(dir, 'b.json'), 'old b');
    const set = new OutputSet(dir);
    await set.write('a.csv', 'new a');
    // written but not yet in place
    expect(readFileSync(join(dir, 'a.csv'), 'utf8')).toBe('old a');
    const stream = set.stream('b.json');
    stream.end('new b');
    const written = await set.commit();
    expect(written).toEqual([join(dir, 'a.csv'), join(dir, 'b.json')]);
    expect(readFileSync(join(dir, 'a.csv'), 'utf8')).toBe('new a');
    expect(readFileSync(join(dir, 'b.json'), 'utf8')).toBe('new b');
    expect(readdirSync(dir).sort()).toEqual(['a.csv', 'b.json']);
  });

  it('leaves the previous run intact when a write fails part-way (a full disk, say)', async () => {
    const dir = previousRun('failed');
    await checkOutputFolder(dir, ['a.csv', 'b.json']);
    writeFileSync(join(dir, 'a.csv'), 'old a');
    writeFileSync(join(dir, 'b.json'), 'old b');
    const set = new OutputSet(dir);
    await set.write('a.csv', 'new a');
    const stream = set.stream('b.json');
    stream.write('half of ');
    stream.destroy(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }));
    await expect(set.commit()).rejects.toThrow('no space left');
    expect(readFileSync(join(dir, 'a.csv'), 'utf8')).toBe('old a');
    expect(readFileSync(join(dir, 'b.json'), 'utf8')).toBe('old b');
    expect(readdirSync(dir).sort()).toEqual(['a.csv', 'b.json']);
  });

  it('refuses an output that is a symbolic link, before and at the rename', async () => {
    const dir = previousRun('linked');
    await checkOutputFolder(dir, []);
    const victim = join(work, 'victim.txt');
    writeFileSync(victim, 'precious');
    symlinkSync(victim, join(dir, 'a.csv'));
    const checked = await checkOutputFolder(dir, ['a.csv']);
    expect(!checked.ok && checked.error.code).toBe('output-symlink');
    expect(!checked.ok && checked.error.message.zh).toContain('符号链接');
    const set = new OutputSet(dir);
    await set.write('a.csv', 'new');
    await expect(set.commit()).rejects.toThrow('symbolic link');
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(readdirSync(dir)).toEqual(['a.csv']);
  });

  it('says clearly when the output path is a file', async () => {
    const path = join(work, 'plain-file');
    writeFileSync(path, 'x');
    const checked = await checkOutputFolder(path, ['a.csv']);
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.error.message.en).toMatch(/cannot create the output folder|not a folder/);
    expect(existsSync(join(path, 'a.csv'))).toBe(false);
  });
});

describe('escapeForTerminal', () => {
  it('shows escape sequences, carriage returns, NUL, C1 and bidi controls as visible escapes', () => {
    expect(escapeForTerminal('a\u001b[2Jb')).toBe('a\\x1b[2Jb');
    expect(escapeForTerminal('ok\rFAKE')).toBe('ok\\x0dFAKE');
    expect(escapeForTerminal('x\u0000y\u009bz')).toBe('x\\x00y\\x9bz');
    expect(escapeForTerminal('abc\u202edef')).toBe('abc\\u202edef');
    expect(escapeForTerminal('玉溪\t市\n')).toBe('玉溪\t市\n');
  });
});
