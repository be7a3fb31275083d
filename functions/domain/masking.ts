/**
 * Masked reporter details for staff screens: enough to recognise a caller, not to identify them.
 * 王小明 → 王**, 13812345678 → 138****5678, wang@example.cn → w***@example.cn.
 */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  return `${chars[0]}${'*'.repeat(Math.max(1, chars.length - 1))}`;
}

export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}

export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

export function maskReporter(r: {
  name?: string | undefined;
  phone?: string | undefined;
  email?: string | undefined;
}) {
  return {
    name: r.name ? maskName(r.name) : undefined,
    phone: r.phone ? maskPhone(r.phone) : undefined,
    email: r.email ? maskEmail(r.email) : undefined,
  };
}

/** The recipient of something the system sent (SMS: a number; e-mail: one or more addresses), masked. */
export function maskRecipient(channel: 'email' | 'sms', to: string): string {
  if (channel === 'sms') return maskPhone(to);
  return to
    .split(',')
    .map((a) => maskEmail(a.trim()))
    .join(', ');
}
