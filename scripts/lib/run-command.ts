// How a CLI command ends: its exit code, or for an unexpected failure a short bilingual line (the
// stack only when asked for, GAPMAP_DEBUG=1) and exit code 1.
import { writeStderr } from './escape-for-terminal.ts';

export function runCommand(main: (argv: string[]) => Promise<number>): void {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      const detail = error instanceof Error ? error.message : String(error);
      writeStderr(`错误 error: ${detail}\n`);
      if (process.env.GAPMAP_DEBUG && error instanceof Error && error.stack) writeStderr(`${error.stack}\n`);
      process.exit(1);
    },
  );
}
