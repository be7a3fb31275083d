/** Demo values for the embedded runtime (the district's real ones come from the environment). */
export const defaultPublicContact = { hotline: '023-43721234', mailbox: 'jubao@duban.example.cn' };

/** The hotline number and mailbox address citizens see, from HOTLINE_NUMBER / MAILBOX_ADDRESS. */
export function publicContact(env: Record<string, string | undefined>) {
  return {
    hotline: env.HOTLINE_NUMBER || defaultPublicContact.hotline,
    mailbox: env.MAILBOX_ADDRESS || defaultPublicContact.mailbox,
  };
}
