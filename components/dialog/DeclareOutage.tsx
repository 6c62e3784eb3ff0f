import type { Outage } from '../../utils/schema/record';

/** What the caseworker may declare from the page: it loads, but is broken. */
export type DeclaredKind = Extract<Outage['kind'], 'unresponsive' | 'error-message'>;

/** Props of the "Das ist eine Störung" part of the note form. */
export interface DeclareOutageProps {
  kind: DeclaredKind;
  onKind(kind: DeclaredKind): void;
  /** Stores the note as an outage report at once. */
  onDeclare(): void;
  disabled: boolean;
  labels: {
    legend: string;
    hint: string;
    unresponsive: string;
    errorMessage: string;
    declare: string;
  };
}

/**
 * Shown with the category "Fehler / Ausfall" (issue #17): one click files the note as an outage of the
 * application, blocking the work, so officers see it grouped with the reports of others. Without a
 * note, the stored note says what kind of outage it is.
 */
export function DeclareOutage({ kind, onKind, onDeclare, disabled, labels }: DeclareOutageProps) {
  const option = (value: DeclaredKind, label: string) => (
    <label class="choice">
      <input
        type="radio"
        name="outage-kind"
        value={value}
        checked={kind === value}
        onChange={() => onKind(value)}
      />{' '}
      {label}
    </label>
  );
  return (
    <fieldset
      class="choice declare-outage"
      data-testid="declare-outage"
      aria-describedby="declare-outage-hint"
    >
      <legend>{labels.legend}</legend>
      <p class="hint" id="declare-outage-hint">
        {labels.hint}
      </p>
      {option('unresponsive', labels.unresponsive)}
      {option('error-message', labels.errorMessage)}
      <button
        type="button"
        class="outage"
        disabled={disabled}
        onClick={onDeclare}
        data-testid="declare-outage-button"
      >
        {labels.declare}
      </button>
    </fieldset>
  );
}
