// Progress lines on stderr: one per stage, and at most one per 10% step within a stage.

import type { RunOptions } from '../../src/core/types.ts';
import { writeStderr } from './escape-for-terminal.ts';

export function stderrProgress(label: string, write: (line: string) => void = writeStderr): RunOptions['onProgress'] {
  let lastStage = '';
  let lastStep = -1;
  return (fraction, stage) => {
    const step = Math.floor(fraction * 10);
    const stageName = stage.replace(/:.*$/, '');
    if (stageName === lastStage && step === lastStep) return;
    lastStage = stageName;
    lastStep = step;
    write(`[${label}] ${String(Math.round(fraction * 100)).padStart(3)}% ${stage}\n`);
  };
}
