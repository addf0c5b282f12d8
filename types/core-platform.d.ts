// The few web-platform globals the pure core uses (present in browsers, workers and Node ≥ 18),
// declared for tsconfig.core.json, which compiles src/core with lib ES2022 only (no DOM, no Node).
// Outside src/ so the app's tsconfig.json, which has the DOM lib, never sees a second declaration.
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  readonly encoding: string;
  decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string;
}
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare function setTimeout(handler: () => void, timeout?: number): unknown;
