// What reading a file left out, said as counts: the features (rows) dropped and why, grouped by
// problem code, and the part of a file that ends early which was never read. The CLI prints it and
// writes it into summary.json / summary.md when the readable part of a bad input is kept.
import type { ImportedLayer } from './import-layer.ts';
import type { ImportProblem } from './import-problem.ts';

export interface DroppedReason {
  /** The problem code (e.g. 'csv-unclosed-quote'); 'file' problems have no feature. */
  code: string;
  /** Features or rows dropped for this reason (each dropped feature counts once, under its first error). */
  count: number;
  /** The first such problem's message, as an example. */
  example: { zh: string; en: string };
}

export interface DroppedInput {
  file: string;
  /** Features or rows of the file that are not in the analysis (not counting the unread end of a truncated file). */
  dropped: number;
  reasons: DroppedReason[];
  /** Errors about the file as a whole (no feature), e.g. a damaged shapefile part. */
  fileErrors: { zh: string; en: string }[];
  /** The file ended early: features after `featuresRead` (at least `featuresAtLeast` in all) were never read. */
  unread?: ImportedLayer['readablePartKept'];
}

/**
 * Counts the features that one stage of reading (the import, or the conversion to the model) left
 * out: every error names its feature, and a feature with an error is not kept. Feature indices are
 * only compared within one stage (the conversion numbers the import's kept features anew), so the
 * stages are counted apart and added.
 */
export function countDroppedFeatures(problems: readonly ImportProblem[]): { dropped: number; reasons: DroppedReason[]; fileErrors: { zh: string; en: string }[] } {
  const seen = new Set<number>();
  const byCode = new Map<string, DroppedReason>();
  const fileErrors: { zh: string; en: string }[] = [];
  for (const problem of problems) {
    if (problem.severity !== 'error') continue;
    if (problem.featureIndex === undefined) {
      fileErrors.push(problem.message);
      continue;
    }
    if (seen.has(problem.featureIndex)) continue;
    seen.add(problem.featureIndex);
    const reason = byCode.get(problem.code);
    if (reason) reason.count++;
    else byCode.set(problem.code, { code: problem.code, count: 1, example: problem.message });
  }
  return { dropped: seen.size, reasons: [...byCode.values()].sort((a, b) => b.count - a.count), fileErrors };
}

/** The import's and the conversion's drops of one file together. */
export function summarizeDropped(file: string, layer: Pick<ImportedLayer, 'problems' | 'readablePartKept'>, conversionProblems: readonly ImportProblem[]): DroppedInput {
  const read = countDroppedFeatures(layer.problems);
  const converted = countDroppedFeatures(conversionProblems);
  const reasons = new Map<string, DroppedReason>();
  for (const reason of [...read.reasons, ...converted.reasons]) {
    const known = reasons.get(reason.code);
    if (known) known.count += reason.count;
    else reasons.set(reason.code, { ...reason });
  }
  const out: DroppedInput = {
    file,
    dropped: read.dropped + converted.dropped,
    reasons: [...reasons.values()].sort((a, b) => b.count - a.count),
    fileErrors: [...read.fileErrors, ...converted.fileErrors],
  };
  if (layer.readablePartKept) out.unread = layer.readablePartKept;
  return out;
}

/** True when the file lost anything: dropped features, a file-level error, or an unread end. */
export function droppedAnything(input: DroppedInput): boolean {
  return input.dropped > 0 || input.fileErrors.length > 0 || input.unread !== undefined;
}

/** One line in each language: how many features the file lost and why (for stderr and summary.md). */
export function describeDropped(input: DroppedInput): { zh: string; en: string } {
  const name = input.file.split(/[\\/]/).pop() ?? input.file;
  const en: string[] = [];
  const zh: string[] = [];
  if (input.dropped > 0) {
    const reasonsEn = input.reasons.map((r) => `${r.count} × ${r.code} (first: ${r.example.en})`).join('; ');
    const reasonsZh = input.reasons.map((r) => `${r.code} ${r.count} 个（首个：${r.example.zh}）`).join('；');
    en.push(`${input.dropped} features/rows left out: ${reasonsEn}`);
    zh.push(`略去 ${input.dropped} 个要素/行：${reasonsZh}`);
  }
  for (const error of input.fileErrors) {
    en.push(`file error: ${error.en}`);
    zh.push(`文件错误：${error.zh}`);
  }
  if (input.unread) {
    const { featuresRead, featuresAtLeast, endsAtByte } = input.unread;
    en.push(`the file ends early at byte ${endsAtByte}: ${featuresRead} features read, at least ${featuresAtLeast - featuresRead} more were not`);
    zh.push(`文件在第 ${endsAtByte} 字节处提前结束：读入 ${featuresRead} 个要素，至少另有 ${featuresAtLeast - featuresRead} 个未读入`);
  }
  return { en: `${name}: ${en.join('; ')}`, zh: `${name}：${zh.join('；')}` };
}
