/**
 * `npm run redact`: shows how the extension masks text, for the data protection officer and the staff
 * council. Reads stdin line by line: a JSON object `{"text": "…", "pageTerms": ["…"]}` or a plain line
 * of text; prints one JSON object per line with the masked text and the counts, or
 * `{"error": "bad_request", …}` for a line it cannot read (and goes on). docs/admin.md shows examples.
 */
import { createInterface } from 'node:readline';
import { loadLexiconFromDisk } from '../utils/redact/lexicon-node';
import { RedactRequest, redactRequest } from '../utils/redact/request';

function parseLine(line: string): RedactRequest | { error: string; detail: string } {
  if (!line.trimStart().startsWith('{')) return { text: line };
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (error) {
    return { error: 'bad_request', detail: `not JSON: ${(error as Error).message}` };
  }
  const parsed = RedactRequest.safeParse(json);
  if (!parsed.success) return { error: 'bad_request', detail: parsed.error.issues[0]?.message ?? 'invalid' };
  return parsed.data;
}

loadLexiconFromDisk();
const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
for await (const line of lines) {
  if (line.trim() === '') continue;
  const request = parseLine(line);
  const answer = 'error' in request ? request : redactRequest(request);
  process.stdout.write(`${JSON.stringify(answer)}\n`);
}
