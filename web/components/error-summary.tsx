import { fieldId } from './field.js';

export interface FieldMessage {
  /** Field name (the summary links to its control). */
  name: string;
  message: string;
}

/** GOV.UK error summary: at the top of the form, each problem a link to its field; focused on load. */
export function ErrorSummary({ title, errors }: { title: string; errors: FieldMessage[] }) {
  if (errors.length === 0) return null;
  return (
    <div
      class="error-summary"
      role="alert"
      aria-labelledby="error-summary-title"
      tabindex={-1}
      data-error-summary
    >
      <h2 id="error-summary-title">{title}</h2>
      <ul>
        {errors.map((e) => (
          <li>
            <a href={`#${fieldId(e.name)}`}>{e.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}
