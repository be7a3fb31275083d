/**
 * The form of a phone number that its lookup hash is computed over, so 138 1234 5678, +86 138-1234-5678
 * and full-width digits find the same caller. Only digits count; a mainland country code is dropped.
 */
export function phoneLookupForm(phone: string): string {
  const digits = phone.normalize('NFKC').replace(/\D/g, '');
  if (digits.startsWith('0086') && digits.length > 11) return digits.slice(4);
  if (digits.startsWith('86') && digits.length === 13) return digits.slice(2);
  return digits;
}
