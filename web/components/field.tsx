import type { Child } from 'hono/jsx';

/** Id of a form control from its field name (`subject.name` → `f-subject-name`); summaries link to it. */
export const fieldId = (name: string) => `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;

interface FieldBase {
  name: string;
  label: string;
  hint?: Child | undefined;
  /** The message shown next to the field (already in the reader's language). */
  error?: string | undefined;
  /** Text after the label, e.g. "（选填）". */
  optional?: string | undefined;
}

function describedBy(id: string, p: FieldBase) {
  const ids = [p.hint ? `${id}-hint` : '', p.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return ids || undefined;
}

function Messages({ id, p, errorPrefix }: { id: string; p: FieldBase; errorPrefix: string }) {
  return (
    <>
      {p.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {p.hint}
        </p>
      ) : null}
      {p.error ? (
        <p class="field-error" id={`${id}-error`}>
          <span class="sr-only">{errorPrefix}</span>
          {p.error}
        </p>
      ) : null}
    </>
  );
}

export interface TextInputProps extends FieldBase {
  value?: string | undefined;
  type?: 'text' | 'tel' | 'email' | 'date' | 'password' | 'search';
  autocomplete?: string;
  inputmode?: 'text' | 'tel' | 'email' | 'numeric' | 'search';
  /** id of a <datalist> with suggestions. */
  list?: string;
  maxlength?: number;
  short?: boolean;
  autofocus?: boolean;
  spellcheck?: boolean;
  max?: string;
  errorPrefix?: string;
}

/** A field's frame: error state, label (with "optional"), then hint and error message before the control. */
function LabelledField({
  id,
  p,
  children,
}: {
  id: string;
  p: FieldBase & { errorPrefix?: string };
  children: Child;
}) {
  return (
    <div class={p.error ? 'field field--error' : 'field'}>
      <label for={id}>
        {p.label}
        {p.optional ? <span class="muted">{p.optional}</span> : null}
      </label>
      <Messages id={id} p={p} errorPrefix={p.errorPrefix ?? ''} />
      {children}
    </div>
  );
}

export function TextInput(p: TextInputProps) {
  const id = fieldId(p.name);
  return (
    <LabelledField id={id} p={p}>
      <input
        id={id}
        name={p.name}
        type={p.type ?? 'text'}
        value={p.value ?? ''}
        class={p.short ? 'input-short' : undefined}
        autocomplete={p.autocomplete}
        inputmode={p.inputmode}
        list={p.list}
        maxlength={p.maxlength}
        max={p.max}
        autofocus={p.autofocus}
        spellcheck={p.spellcheck}
        aria-describedby={describedBy(id, p)}
        aria-invalid={p.error ? 'true' : undefined}
      />
    </LabelledField>
  );
}

export interface TextAreaProps extends FieldBase {
  value?: string | undefined;
  rows?: number;
  maxlength?: number;
  autofocus?: boolean;
  errorPrefix?: string;
}

export function TextArea(p: TextAreaProps) {
  const id = fieldId(p.name);
  return (
    <LabelledField id={id} p={p}>
      <textarea
        id={id}
        name={p.name}
        rows={p.rows ?? 6}
        maxlength={p.maxlength}
        data-count={p.maxlength ? `${id}-count` : undefined}
        autofocus={p.autofocus}
        aria-describedby={describedBy(id, p)}
        aria-invalid={p.error ? 'true' : undefined}
      >
        {p.value ?? ''}
      </textarea>
      {p.maxlength ? <p class="char-count" id={`${id}-count`} aria-live="polite" /> : null}
    </LabelledField>
  );
}

export interface Option {
  value: string;
  label: string;
  hint?: string | undefined;
}

export interface SelectProps extends FieldBase {
  options: Option[];
  value?: string | undefined;
  /** First, empty entry ("请选择"). */
  placeholder?: string;
  autofocus?: boolean;
  errorPrefix?: string;
}

export function Select(p: SelectProps) {
  const id = fieldId(p.name);
  return (
    <LabelledField id={id} p={p}>
      <select
        id={id}
        name={p.name}
        autofocus={p.autofocus}
        aria-describedby={describedBy(id, p)}
        aria-invalid={p.error ? 'true' : undefined}
      >
        {p.placeholder !== undefined ? <option value="">{p.placeholder}</option> : null}
        {p.options.map((o) => (
          <option value={o.value} selected={o.value === p.value}>
            {o.label}
          </option>
        ))}
      </select>
    </LabelledField>
  );
}

export interface RadiosProps extends FieldBase {
  options: Option[];
  value?: string | undefined;
  errorPrefix?: string;
  autofocus?: boolean;
}

/** A group of radio buttons in a fieldset; the first button carries the field id the summary links to. */
export function Radios(p: RadiosProps) {
  const id = fieldId(p.name);
  return (
    <div class={p.error ? 'field field--error' : 'field'}>
      <fieldset aria-describedby={describedBy(id, p)}>
        <legend>
          {p.label}
          {p.optional ? <span class="muted">{p.optional}</span> : null}
        </legend>
        <Messages id={id} p={p} errorPrefix={p.errorPrefix ?? ''} />
        <div class="choices">
          {p.options.map((o, i) => {
            const oid = i === 0 ? id : `${id}-${i}`;
            return (
              <div class="choice">
                <input
                  type="radio"
                  id={oid}
                  name={p.name}
                  value={o.value}
                  checked={o.value === p.value}
                  autofocus={p.autofocus && i === 0}
                  aria-describedby={o.hint ? `${oid}-hint` : undefined}
                />
                <div>
                  <label for={oid}>{o.label}</label>
                  {o.hint ? (
                    <p class="hint" id={`${oid}-hint`}>
                      {o.hint}
                    </p>
                  ) : null}
                </div>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
