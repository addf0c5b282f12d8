// Whether a command-line tool (pdftotext, ogrinfo) is installed: tests that need one skip without it.
import { execFileSync } from 'node:child_process';

export function hasTool(command: string, versionFlag = '--version'): boolean {
  try {
    execFileSync(command, [versionFlag], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}
