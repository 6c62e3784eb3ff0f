import { useState } from 'preact/hooks';
import { type ErrorCode, toErrorCode } from '../../utils/errors';
import { ERROR_STRINGS } from '../../utils/i18n/errors';
import type { Lang } from '../../utils/i18n/lang';
import type { Send } from '../../utils/messaging/protocol';
import type { PageCursor } from '../../utils/messaging/protocol/outbox';
import type { PopupT } from './i18n';

/** Props of the export of the caseworker's own records. */
export interface OutboxExportProps {
  lang: Lang;
  t: PopupT;
  send: Send;
  /** Saves `text` as a file (the popup's mount decides how). */
  download(fileName: string, text: string): void;
  retentionDays: number;
  now?: () => Date;
}

/** Identifies the file's shape for whoever reads it later (a data-protection officer, a script). */
export const EXPORT_FORMAT = 'mitsprache-outbox-export';
export const EXPORT_VERSION = 1;

/**
 * Collects every record through bounded pages and hands it over as one JSON file: the caseworker's
 * right of access to what this device keeps about their feedback.
 */
export async function collectExport(
  send: Send,
  exportedAt: Date,
): Promise<{ fileName: string; text: string; count: number }> {
  const records: unknown[] = [];
  let after: PageCursor | undefined;
  do {
    const page = await send('outbox:export', after ? { after } : {});
    records.push(...page.items);
    after = page.next;
  } while (after);
  const text = JSON.stringify(
    {
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      exportedAt: exportedAt.toISOString(),
      count: records.length,
      records,
    },
    null,
    2,
  );
  const day = exportedAt.toISOString().slice(0, 10);
  return { fileName: `mitsprache-export-${day}.json`, text, count: records.length };
}

/** "Export my feedback (JSON)" with progress and result announced. */
export function OutboxExport({
  lang,
  t,
  send,
  download,
  retentionDays,
  now = () => new Date(),
}: OutboxExportProps) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<ErrorCode | undefined>();

  const run = async () => {
    setBusy(true);
    setError(undefined);
    setMessage(t('exporting'));
    try {
      const { fileName, text, count } = await collectExport(send, now());
      download(fileName, text);
      setMessage(t('exported', { n: count }));
    } catch (caught) {
      setMessage('');
      setError(toErrorCode(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="export">
      <button type="button" class="link" disabled={busy} onClick={() => void run()} data-testid="export">
        {t('exportButton')}
      </button>
      <p class="hint">{t('retentionHint', { days: retentionDays })}</p>
      <p class="notice" role="status" aria-live="polite" data-testid="export-status">
        {message}
      </p>
      {error ? (
        <p class="error" role="alert">
          {ERROR_STRINGS[lang][error]}
        </p>
      ) : null}
    </section>
  );
}
