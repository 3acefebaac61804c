// CBS neighbourhood codes as teams list them: a wijk is WK + 6 digits, a buurt BU + 8.
export const CBS_CODE = /^(WK\d{6}|BU\d{8})$/;

/** "wk015301, BU01530101  WK015302" → codes upper-cased, duplicates removed, in input order. */
export function parseCodes(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .map((c) => c.trim().toUpperCase())
        .filter(Boolean),
    ),
  ];
}

export function invalidCodes(codes: readonly string[]): string[] {
  return codes.filter((c) => !CBS_CODE.test(c));
}

export function formatCodes(codes: readonly string[]): string {
  return codes.join(', ');
}
