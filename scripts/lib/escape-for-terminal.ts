// Text from data (feature names, type values, file names, rule ids) printed by the CLI must not
// drive the terminal: escape sequences (ESC …), carriage returns that overwrite a line, NUL, C1
// controls and the bidirectional overrides that reorder what is shown ("Trojan Source") are written
// as visible \x1b / \u202e escapes. Line feeds and tabs separate the CLI's own lines and stay.

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

export function escapeForTerminal(text: string): string {
  return text.replace(UNSAFE, (char) => {
    const code = char.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** Writes to stderr with every control character escaped: the one way the CLI prints. */
export function writeStderr(text: string): void {
  process.stderr.write(escapeForTerminal(text));
}
