import { Hono } from 'hono';
import { z } from 'zod';
import { cutOffAfter } from '../../deadline';
import {
  type ExportFormat,
  exportedRecordJson,
  exportStream,
  jsonArrayFormat,
  ndjsonFormat,
} from '../../export-stream';
import type { ExportRecordRow } from '../../store/dashboard-types';
import { BOM, CSV_SEPARATORS, csvHeader, csvLine, csvRow } from '../csv';
import { FilterParams, toRecordFilter, toRecordSort } from '../filters';
import type { Translator } from '../i18n';
import { type DashboardDeps, type DashboardEnv, parseOrThrow } from './context';

const ExportParams = z.object({
  format: z.enum(['csv', 'json', 'ndjson']).default('csv'),
  sep: z.enum(['semicolon', 'comma']).optional(),
});

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8; header=present',
  json: 'application/json; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
} as const;

function recordJson(row: ExportRecordRow): string {
  const { id, receivedAt, batchId, status, reply, duplicateOf } = row;
  return exportedRecordJson({ id, receivedAt, batchId, status, reply, duplicateOf }, row);
}

function csvFormat(t: Translator, separator: string): ExportFormat<ExportRecordRow> {
  return {
    head: BOM + csvLine(csvHeader(t), separator),
    line: (row) => csvLine(csvRow(row, t), separator),
    tail: () => '',
  };
}

/** The download of the inbox's filtered records, as CSV (for spreadsheets), JSON or NDJSON. */
export function exportRoutes(deps: DashboardDeps): Hono<DashboardEnv> {
  const { dashboard, config, now } = deps;
  const app = new Hono<DashboardEnv>();

  app.get('/export', async (c) => {
    const query = c.req.query();
    const { format, sep } = parseOrThrow(ExportParams, {
      format: query.format || undefined,
      sep: query.sep || undefined,
    });
    const params = parseOrThrow(FilterParams, { ...query, format: undefined, sep: undefined });
    const t = c.var.t;
    const separator = CSV_SEPARATORS[sep ?? (t.lang === 'de' ? 'semicolon' : 'comma')];
    const rows = dashboard.exportRecords(toRecordFilter(params), toRecordSort(params));
    const stream = await exportStream(
      rows,
      format === 'csv'
        ? csvFormat(t, separator)
        : format === 'json'
          ? jsonArrayFormat(recordJson)
          : ndjsonFormat(recordJson),
    );
    const stamp = now().toISOString().slice(0, 16).replace(/[:T]/g, '-');
    cutOffAfter(c, config.exportDeadlineMs, 'dashboard download');
    return c.body(stream, 200, {
      'Content-Type': CONTENT_TYPES[format],
      'Content-Disposition': `attachment; filename="mitsprache-${stamp}.${format}"`,
    });
  });

  return app;
}
