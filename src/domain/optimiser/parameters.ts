/** The shape of a set of FSRS-6 parameters, checked without loading ts-fsrs (first-load code reads it). */
export const PARAMETER_COUNT = 21;

export function isParameters(value: unknown): value is number[] {
  return (
    Array.isArray(value) && value.length === PARAMETER_COUNT && value.every((v) => typeof v === 'number' && Number.isFinite(v))
  );
}
