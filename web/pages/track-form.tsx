import { Button, TextInput } from '../components/index.js';
import { CsrfField } from '../csrf.js';
import type { PublicMessages as Messages } from '../i18n/public-messages.js';

/** The tracking-code + access-code form (home page box and /track). Posts; codes never go in a URL. */
export function TrackForm(p: {
  t: Messages;
  csrf: string;
  values?: { trackingCode?: string | undefined };
  errors?: Record<string, string>;
}) {
  const m = p.t.public.track;
  return (
    <form method="post" action="/track" novalidate>
      <CsrfField token={p.csrf} />
      <TextInput
        name="trackingCode"
        label={m.trackingCode}
        hint={m.trackingCodeHint}
        value={p.values?.trackingCode}
        error={p.errors?.trackingCode}
        errorPrefix={p.t.common.errorPrefix}
        autocomplete="off"
        spellcheck={false}
        short
      />
      <TextInput
        name="accessCode"
        label={m.accessCode}
        hint={m.accessCodeHint}
        error={p.errors?.accessCode}
        errorPrefix={p.t.common.errorPrefix}
        autocomplete="off"
        spellcheck={false}
        short
      />
      <Button>{p.t.common.buttons.search}</Button>
    </form>
  );
}
