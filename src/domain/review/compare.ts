/**
 * Type-in answers: a character-level comparison of what was typed with the expected answer,
 * through their longest common subsequence. Characters of the typed text outside it are wrong,
 * characters of the answer outside it are missing. Spaces are folded and the ends trimmed.
 */

export interface Segment {
  text: string;
  ok: boolean;
}

export interface Comparison {
  exact: boolean;
  typed: Segment[];
  expected: Segment[];
}

/** Longer inputs are compared as whole strings: the quadratic table stays small. */
const MAX_CHARS = 600;

const fold = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();

function segments(chars: readonly string[], inCommon: readonly boolean[]): Segment[] {
  const out: Segment[] = [];
  chars.forEach((ch, i) => {
    const ok = inCommon[i] ?? false;
    const last = out[out.length - 1];
    if (last && last.ok === ok) last.text += ch;
    else out.push({ text: ch, ok });
  });
  return out;
}

export function compareTyped(typedInput: string, expectedInput: string): Comparison {
  const typed = [...fold(typedInput)];
  const expected = [...fold(expectedInput)];
  const exact = typed.join('') === expected.join('');
  if (exact)
    return {
      exact,
      typed: segments(
        typed,
        typed.map(() => true),
      ),
      expected: segments(
        expected,
        expected.map(() => true),
      ),
    };
  if (typed.length > MAX_CHARS || expected.length > MAX_CHARS) {
    return {
      exact,
      typed: segments(
        typed,
        typed.map(() => false),
      ),
      expected: segments(
        expected,
        expected.map(() => false),
      ),
    };
  }
  const n = typed.length;
  const m = expected.length;
  // lcs[i][j] = LCS length of typed[i..] and expected[j..]
  const lcs = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = typed[i] === expected[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const typedOk = typed.map(() => false);
  const expectedOk = expected.map(() => false);
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (typed[i] === expected[j]) {
      typedOk[i++] = true;
      expectedOk[j++] = true;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) i++;
    else j++;
  }
  return { exact, typed: segments(typed, typedOk), expected: segments(expected, expectedOk) };
}
