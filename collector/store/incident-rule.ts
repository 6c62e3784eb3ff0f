// The grouping rule of issue #17, on its own so it can be tested as a table: when do outage reports
// of one application become an incident? Pure — the stores read the candidates and apply the result.

/** When outage reports become an incident: at least `reports` from `installations` episodes within `windowMinutes`. */
export interface IncidentRule {
  /** N: reports needed within the window (each stored record counts once; a re-sent one is a duplicate). */
  reports: number;
  /** M: distinct outage episodes among them (≈ installations; one device sends one episode per outage). */
  installations: number;
  /** T: the window, in minutes, from the first to the last of those reports (both ends included). */
  windowMinutes: number;
}

/** The defaults: three reports from two installations within ten minutes. */
export const DEFAULT_INCIDENT_RULE: IncidentRule = { reports: 3, installations: 2, windowMinutes: 10 };

/** An outage report not yet in an incident, as the rule sees it. */
export interface WaitingReport {
  id: string;
  /** Arrival at the collector, ISO 8601 UTC: the rule counts what arrives close together. */
  receivedAt: string;
  episode: string;
}

/** Where the rule held: the reports from `start` on (index into the candidates) belong to the incident. */
export interface RuleMatch {
  /** Index of the first report of the window; every later candidate joins the incident too. */
  start: number;
  /** Index of the report that completed the rule. */
  end: number;
  /** receivedAt of the first report of the window, kept as the incident's window start. */
  windowStart: string;
}

/**
 * The first window in which the rule holds, or null. `reports` must be ordered by arrival. Sliding
 * window: for each report as the window's end, the window reaches back `windowMinutes` (inclusive),
 * and it matches when it holds enough reports from enough episodes. The earliest completing report
 * wins, so what officers see as "opened by" does not depend on when grouping ran.
 */
export function findIncidentWindow(reports: readonly WaitingReport[], rule: IncidentRule): RuleMatch | null {
  const windowMs = rule.windowMinutes * 60_000;
  const episodes = new Map<string, number>();
  let start = 0;
  for (let end = 0; end < reports.length; end++) {
    const last = reports[end] as WaitingReport;
    episodes.set(last.episode, (episodes.get(last.episode) ?? 0) + 1);
    const endMs = Date.parse(last.receivedAt);
    while (endMs - Date.parse((reports[start] as WaitingReport).receivedAt) > windowMs) {
      const first = (reports[start] as WaitingReport).episode;
      const left = (episodes.get(first) ?? 1) - 1;
      if (left === 0) episodes.delete(first);
      else episodes.set(first, left);
      start++;
    }
    if (end - start + 1 >= rule.reports && episodes.size >= rule.installations) {
      return { start, end, windowStart: (reports[start] as WaitingReport).receivedAt };
    }
  }
  return null;
}
