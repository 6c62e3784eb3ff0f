import type { Lang } from '../../utils/i18n/lang';
import type { IncidentStatus } from '../../utils/schema/wire';
import { formatWhen, type PopupT } from './i18n';

/** Props of an outage report's incident status. */
export interface IncidentViewProps {
  incident: IncidentStatus;
  lang: Lang;
  t: PopupT;
  /** Fixed clock for tests. */
  now?: number;
}

/**
 * What became of the outage the caseworker reported (issue #17): grouped and being checked, known
 * to the officers ("Bekannt seit 9:14 – IT ist informiert"), or resolved; with the officers' public
 * status text.
 */
export function IncidentView({ incident, lang, t, now }: IncidentViewProps) {
  const at = (iso: string | null) => (iso ? formatWhen(Date.parse(iso), lang, now) : '');
  const line =
    incident.state === 'closed'
      ? incident.closedAt
        ? t('incidentClosedAt', { time: at(incident.closedAt) })
        : t('incidentClosed')
      : incident.state === 'known'
        ? t('incidentKnown', { time: at(incident.knownAt ?? incident.openedAt) })
        : t('incidentOpen');
  return (
    <div class={`incident ${incident.state}`} data-testid="incident">
      <p class="incident-state" data-testid="incident-state">
        {line}
      </p>
      {incident.statusText ? (
        <blockquote class="reply" data-testid="incident-text" aria-label={t('incidentStatusText')}>
          {incident.statusText}
        </blockquote>
      ) : null}
    </div>
  );
}
