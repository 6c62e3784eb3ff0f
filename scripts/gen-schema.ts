import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { HubFeed, HubPush, HubPushResponse } from '../collector/hub/protocol';
import { QuestionAnswer } from '../utils/schema/questions';
import { FeedbackRecord } from '../utils/schema/record';
import {
  BatchRequest,
  BatchResponse,
  ErrorResponse,
  StatusQuery,
  StatusResponse,
  WIRE_SCHEMA_VERSION,
} from '../utils/schema/wire';

/**
 * Publishes the wire format as JSON Schema (draft 2020-12) in docs/schema/, generated from the zod
 * schemas that the extension and the collector share, so the documentation cannot drift from the code.
 * Run `npx tsx scripts/gen-schema.ts` after changing utils/schema/; tests/unit/schema/wire.test.ts
 * fails while the committed files are out of date.
 */

export const SCHEMA_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'schema');

const SCHEMAS: Record<string, { schema: z.ZodType; title: string; io: 'input' | 'output' }> = {
  // What a client sends: the input side (before defaults and transforms).
  'batch-request.schema.json': {
    schema: BatchRequest,
    title: 'Batch request (POST {endpoint})',
    io: 'input',
  },
  'batch-response.schema.json': { schema: BatchResponse, title: 'Batch response (200)', io: 'output' },
  'error-response.schema.json': {
    schema: ErrorResponse,
    title: 'Error body of a 4xx/5xx reply',
    io: 'output',
  },
  'record.schema.json': {
    schema: FeedbackRecord,
    title: 'Feedback record (one element of items)',
    io: 'input',
  },
  'answer.schema.json': {
    schema: QuestionAnswer,
    title: 'Answer to a question (an element of items with kind "answer")',
    io: 'input',
  },
  'status-query.schema.json': {
    schema: StatusQuery,
    title: 'Status query (POST {endpoint}/status)',
    io: 'input',
  },
  'status-response.schema.json': { schema: StatusResponse, title: 'Status response (200)', io: 'output' },
  // Between a job centre's collector and a regional hub (docs/hub.md).
  'hub-push.schema.json': { schema: HubPush, title: 'Hub push (POST {hub}/hub/v1/push)', io: 'input' },
  'hub-push-response.schema.json': {
    schema: HubPushResponse,
    title: 'Hub push response (200)',
    io: 'output',
  },
  'hub-feed.schema.json': { schema: HubFeed, title: 'Hub feed (GET {hub}/hub/v1/feed)', io: 'output' },
};

/** The file name → JSON text of every published schema, exactly as committed. */
export function buildSchemas(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [file, { schema, title, io }] of Object.entries(SCHEMAS)) {
    const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'throw' });
    const published = { $schema: json.$schema, title: `${title}, wire v${WIRE_SCHEMA_VERSION}`, ...json };
    files[file] = `${JSON.stringify(published, null, 2)}\n`;
  }
  return files;
}

function main(): void {
  mkdirSync(SCHEMA_DIR, { recursive: true });
  for (const [file, text] of Object.entries(buildSchemas())) {
    writeFileSync(join(SCHEMA_DIR, file), text);
    console.log(`wrote docs/schema/${file}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
