/**
 * Sizing decimals of any scale (Cassandra DECIMAL and VARINT) in one pass. The first page read chooses
 * DECIMAL(38, s) per column, s = its largest scale, parsed as DECIMAL(18, s) (see CsvValueRules.narrowDecimals);
 * every later value must fit (scale ≤ s, integer digits ≤ 18 − s) or the read stops with DecimalTooWide and the
 * caller reads again with the columns staged as exact text and sized after the read (a second pass over the written
 * files, which cost ~20% of a Cassandra table's time). Columns the first page cannot size (no values; more than 18
 * digits) are staged as text from the start.
 */
import type { ColumnSchema } from '../core/table-model.ts';

export class DecimalTooWide extends Error {
  constructor(readonly column: string) {
    super(`a value of ${column} does not fit the DECIMAL sized from the first page`);
  }
}

const LAKE_PRECISION = 38;
/** The most digits a value parsed as DECIMAL(18, s) may have. */
const NARROW_DIGITS = 18;

/** Scale and integer digits (no sign, no leading zeros) of a plain decimal text such as -0012.340. */
export function decimalShape(text: string): { scale: number; digits: number } {
  const dot = text.indexOf('.');
  const end = dot < 0 ? text.length : dot;
  let start = text.charCodeAt(0) === 45 /* - */ || text.charCodeAt(0) === 43 /* + */ ? 1 : 0;
  while (start < end && text.charCodeAt(start) === 48 /* 0 */) start++;
  return { scale: dot < 0 ? 0 : text.length - dot - 1, digits: end - start };
}

export class DecimalSizing {
  /** Indexes (in the row) of the columns being sized. */
  readonly indexes: readonly number[];
  private readonly scale: number[] = [];
  private readonly digits: number[] = [];
  private chosen: (number | null)[] | null = null;

  /** `sized` false: every decimal of any scale is staged as text (the fallback after DecimalTooWide). */
  constructor(private readonly columns: readonly ColumnSchema[], sized = true) {
    this.indexes = sized ? columns.flatMap((c, i) => (c.type.kind === 'decimal_any' ? [i] : [])) : [];
    if (!sized) this.chosen = [];
  }

  get settled(): boolean {
    return this.chosen !== null;
  }

  /** One value (exact text, not null) of column `index`: measured before the choice, checked after it. */
  see(index: number, text: string): void {
    const { scale, digits } = decimalShape(text);
    if (this.chosen === null) {
      this.scale[index] = Math.max(this.scale[index] ?? 0, scale);
      this.digits[index] = Math.max(this.digits[index] ?? 0, digits);
      return;
    }
    const s = this.chosen[index];
    if (s !== null && s !== undefined && (scale > s || digits > NARROW_DIGITS - s)) throw new DecimalTooWide(this.columns[index]!.name);
  }

  /** Chooses the types from what was seen so far (the first page); later calls change nothing. */
  settle(): void {
    if (this.chosen !== null) return;
    this.chosen = this.columns.map((_, i) => {
      const scale = this.scale[i];
      if (!this.indexes.includes(i) || scale === undefined || scale + this.digits[i]! > NARROW_DIGITS) return null;
      return scale;
    });
  }

  /** The columns as they are written: sized decimals as DECIMAL(38, s), the rest unchanged. */
  written(): ColumnSchema[] {
    return this.columns.map((c, i) => {
      const s = this.chosen?.[i];
      return s === null || s === undefined ? c : { ...c, type: { kind: 'decimal', precision: LAKE_PRECISION, scale: s } };
    });
  }

  /** The sized columns, whose values all fit DECIMAL(18, s). */
  narrow(): string[] {
    return this.columns.filter((_, i) => this.chosen?.[i] !== null && this.chosen?.[i] !== undefined).map((c) => c.name);
  }
}
