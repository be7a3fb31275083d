import type { PublicMessages as Messages } from '../i18n/public-messages.js';

/** One file as a gallery shows it; `href` is a link the reader may open (short-lived or redirecting). */
export interface GalleryItem {
  id: string;
  type: string;
  bytes: number;
  addedBy: string;
  href: string;
}

const size = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;

/**
 * Evidence photos (and PDF notices) as a grid of thumbnails, each opening the full file. Used on the
 * citizen's /track page and on the staff case page (`showAuthor` there). Photos were stripped of their
 * metadata when they were stored.
 */
export function EvidenceGallery(p: { t: Messages; items: readonly GalleryItem[]; showAuthor?: boolean }) {
  const m = p.t.evidence.gallery;
  if (p.items.length === 0) return <p class="muted">{m.none}</p>;
  return (
    <ul class="ev-gallery">
      {p.items.map((e, i) => {
        const name = e.type === 'application/pdf' ? m.document(i + 1) : m.photo(i + 1);
        const author = e.addedBy === 'citizen' ? m.byCitizen : m.byStaff(e.addedBy);
        return (
          <li>
            <figure class="ev-item">
              {e.type === 'application/pdf' ? (
                <a class="ev-doc" href={e.href}>
                  PDF
                </a>
              ) : (
                <a href={e.href} title={m.open}>
                  <img src={e.href} alt={name} loading="lazy" decoding="async" />
                </a>
              )}
              <figcaption>
                {name} · {size(e.bytes)}
                {p.showAuthor ? (
                  <>
                    <br />
                    {author}
                  </>
                ) : null}
              </figcaption>
            </figure>
          </li>
        );
      })}
    </ul>
  );
}

/** Stable per-file staff links: each request is authorised and redirected to a fresh short-lived link. */
export const staffEvidenceHref = (trackingCode: string, evidenceId: string) =>
  `/api/v1/cases/${encodeURIComponent(trackingCode)}/evidence/${encodeURIComponent(evidenceId)}`;
