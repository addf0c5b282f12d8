// Progress callbacks cross the worker boundary as messages: send at most one every `intervalMs`,
// plus the final 1.
export function throttleProgress(
  onProgress: ((fraction: number, stage: string) => void) | undefined,
  intervalMs = 50,
): ((fraction: number, stage: string) => void) | undefined {
  if (!onProgress) return undefined;
  let last = 0;
  return (fraction, stage) => {
    const now = performance.now();
    if (fraction >= 1 || now - last >= intervalMs) {
      last = now;
      onProgress(fraction, stage);
    }
  };
}
