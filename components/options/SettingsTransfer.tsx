import { useState } from 'preact/hooks';
import type { SettingsT } from '../../utils/i18n/settings';

/** What an import came to, already in words. */
export type ImportReport = { ok: true; notes: string[] } | { ok: false; problems: string[] };

/** Props of the import/export section. */
export interface SettingsTransferProps {
  t: SettingsT;
  /** Downloads the saved configuration; the token only when asked for. */
  onExport(includeToken: boolean): void;
  /** Checks and, if everything is valid, applies the file's contents. */
  onImport(text: string): Promise<ImportReport>;
}

/** Export the configuration as JSON, import it on another machine. */
export function SettingsTransfer({ t, onExport, onImport }: SettingsTransferProps) {
  const [includeToken, setIncludeToken] = useState(false);
  const [report, setReport] = useState<ImportReport | undefined>();

  const importFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    setReport(undefined);
    setReport(await onImport(await file.text()));
    // The same file may be chosen again after fixing it.
    input.value = '';
  };

  return (
    <section class="section" aria-labelledby="transfer-title">
      <h2 id="transfer-title">{t('sectionTransfer')}</h2>
      <div class="group">
        <h3 id="export-title">{t('exportHeading')}</h3>
        <p class="hint">{t('exportHint')}</p>
        <label class="check">
          <input
            type="checkbox"
            checked={includeToken}
            onChange={(event) => setIncludeToken(event.currentTarget.checked)}
            data-testid="include-token"
          />
          {t('includeToken')}
        </label>
        <button type="button" onClick={() => onExport(includeToken)} data-testid="export">
          {t('exportButton')}
        </button>
      </div>
      <div class="group">
        <h3 id="import-title">{t('importHeading')}</h3>
        <p class="hint" id="import-hint">
          {t('importHint')}
        </p>
        <label for="import-file">{t('importButton')}</label>
        <input
          id="import-file"
          type="file"
          accept="application/json,.json"
          aria-describedby="import-hint"
          onChange={(event) => void importFile(event.currentTarget)}
          data-testid="import-file"
        />
        <div aria-live="polite" data-testid="import-result">
          {report?.ok ? (
            <div class="ok">
              <p>{t('imported')}</p>
              {report.notes.map((note) => (
                <p key={note}>{note}</p>
              ))}
            </div>
          ) : null}
          {report && !report.ok ? (
            <div class="error">
              <p>{t('importFailed')}</p>
              <ul>
                {report.problems.map((problem) => (
                  <li key={problem}>{problem}</li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      </div>
    </section>
  );
}
