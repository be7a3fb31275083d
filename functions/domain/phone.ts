/**
 * Reporter phone numbers as people type them: mainland mobiles (13812345678, +86 138 1234 5678) and
 * landlines with an area code (023-43721234, 0234372 1234, (023) 4372-1234), in half- or full-width
 * characters (０２３－４３７２１２３４). Returns the canonical form — 11 digits for a mobile,
 * `0AA-NNNNNNNN` / `0AAA-NNNNNNN` for a landline — or undefined when it is neither.
 */
export function normalizePhone(input: string): string | undefined {
  // NFKC folds full-width digits, plus signs, hyphens and parentheses to ASCII.
  const compact = input
    .normalize('NFKC')
    .replace(/[\s\-()–—.]/g, '')
    .replace(/^(\+|00)86/, '');
  if (/^1[3-9]\d{9}$/.test(compact)) return compact;
  // Area codes: 010 and 02x are three digits, every other one four; local numbers are 7 or 8 digits.
  const short = /^(010|02\d)(\d{8})$/.exec(compact);
  if (short) return `${short[1]}-${short[2]}`;
  const long = /^(0[3-9]\d{2})(\d{7,8})$/.exec(compact);
  if (long) return `${long[1]}-${long[2]}`;
  return undefined;
}
