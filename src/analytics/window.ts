/** The calendar of a request: D (as_of), "last 30 days", and N calendar months ending with D's month. */
export interface Month { readonly key: string; readonly first: string; readonly last: string }

const iso = (d: Date) => d.toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  return iso(new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000));
}

/** The N calendar months ending with the month of `date`, oldest first. */
export function monthsEnding(date: string, n: number): Month[] {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return Array.from({ length: n }, (_, i) => {
    const first = new Date(Date.UTC(y, m - 1 - (n - 1 - i), 1));
    const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0));
    return { key: iso(first).slice(0, 7), first: iso(first), last: iso(last) };
  });
}

/** SQL literal of a validated ISO date. */
export const dateLiteral = (date: string): string => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`not an ISO date: ${date}`);
  return `DATE '${date}'`;
};

/** The month key (YYYY-MM) as an integer expression yyyymm, portable across engines. */
export const monthNumber = (dateExpr: string): string => `(EXTRACT(YEAR FROM ${dateExpr}) * 100 + EXTRACT(MONTH FROM ${dateExpr}))`;
export const monthKeyOf = (yyyymm: number): string => `${String(Math.floor(yyyymm / 100)).padStart(4, '0')}-${String(yyyymm % 100).padStart(2, '0')}`;

/** Whole years from `birth` (a DATE expression) to D; NULL stays NULL. Portable: no date_diff dialects. */
export function ageExpression(birth: string, asOf: string): string {
  const d = dateLiteral(asOf);
  return `(EXTRACT(YEAR FROM ${d}) - EXTRACT(YEAR FROM ${birth})
    - CASE WHEN EXTRACT(MONTH FROM ${d}) * 100 + EXTRACT(DAY FROM ${d}) < EXTRACT(MONTH FROM ${birth}) * 100 + EXTRACT(DAY FROM ${birth}) THEN 1 ELSE 0 END)`;
}

export const AGE_BANDS = ['<25', '25-34', '35-44', '45-54', '55-64', '65+', 'unknown'] as const;

/** The age band of a birth date (a birth date after D is '<25'). */
export function ageBandExpression(birth: string, asOf: string): string {
  const age = ageExpression(birth, asOf);
  return `CASE WHEN ${birth} IS NULL THEN 'unknown' WHEN ${age} < 25 THEN '<25' WHEN ${age} < 35 THEN '25-34' WHEN ${age} < 45 THEN '35-44'
    WHEN ${age} < 55 THEN '45-54' WHEN ${age} < 65 THEN '55-64' ELSE '65+' END`;
}
