import { countVerdicts, VERDICTS, type EventRow, type Inventory, type MutationRow, type Step, type Verdict } from './inventory';

export const FORMATS = ['text', 'markdown', 'json'] as const;
export type Format = (typeof FORMATS)[number];

/** Section titles, by verdict. */
const HEADINGS: Record<Verdict, string> = {
  never: 'Never synced',
  partly: 'Partly synced',
  optimistic: 'Optimistic',
  'by-hand': 'Synced by hand',
  'handed-off': 'Handed off',
  helper: 'Through the helper',
};

/** How the closing line counts each verdict: `2 never synced, 1 partly, 7 by hand`. */
const COUNTED: Record<Verdict, string> = {
  never: 'never synced',
  partly: 'partly',
  optimistic: 'optimistic',
  'by-hand': 'by hand',
  'handed-off': 'handed off',
  helper: 'through the helper',
};

const HAND_OFF_REASONS: Record<NonNullable<MutationRow['handOff']>['reason'], string> = {
  option: 'its success callback is a received one',
  call: 'its success path calls a received callback',
  escape: 'the mutation is passed on, returned or stored',
  unread: 'its options or success callback come from code this file does not show',
};

/** The JSON shape, version 1: documented in docs/audit.md; fields are only ever added. */
export interface AuditJson {
  version: 1;
  entity: string;
  filesScanned: number;
  summary: Record<Verdict, number> & { mutations: number; handWrittenSyncs: number };
  mutations: (Omit<MutationRow, 'handOff'> & { handOff: MutationRow['handOff'] | null })[];
  events: EventRow[];
  files: Inventory['files'];
  repeatedRuns: Inventory['repeatedRuns'];
  skipped: { file: string; line: number | null; error: string }[];
}

export function toJson(inventory: Inventory): AuditJson {
  const counts = countVerdicts(inventory.rows);
  return {
    version: 1,
    entity: inventory.entity,
    filesScanned: inventory.filesScanned,
    summary: { mutations: inventory.rows.length, ...counts, handWrittenSyncs: inventory.files.reduce((sum, file) => sum + file.handWrittenSyncs, 0) },
    mutations: inventory.rows.map((row) => ({ ...row, handOff: row.handOff ?? null })),
    events: inventory.events,
    files: inventory.files,
    repeatedRuns: inventory.repeatedRuns,
    skipped: inventory.skipped.map((entry) => ({ ...entry, line: entry.line ?? null })),
  };
}

/** The closing line: `12 scene mutations: 2 never synced, 1 partly, 7 by hand, 2 through the helper`. */
export function summaryLine(inventory: Inventory): string {
  const counts = countVerdicts(inventory.rows);
  const parts = VERDICTS.filter((verdict) => counts[verdict] > 0).map((verdict) => `${counts[verdict]} ${COUNTED[verdict]}`);
  const total = counted(inventory.rows.length, `${inventory.entity} mutation`);
  return parts.length > 0 ? `${total}: ${parts.join(', ')}` : total;
}

function invokedText(row: MutationRow): string {
  if (row.invoked.length === 0) return row.handOff?.reason === 'escape' ? 'not in this file (the mutation leaves it)' : 'not in this file';
  return row.invoked.map((invocation) => `${invocation.within.join(' > ') || 'top level'} (line ${invocation.line})`).join(', ');
}

const steps = (list: Step[], link: (line: number) => string = (line) => `line ${line}`) => list.map((step) => `${step.name} (${link(step.line)})`).join(', ');

/** What the success path does, as labelled parts: `store: addScene (line 51)`; `nothing` names the part for a path that syncs nothing. */
function successPath(row: MutationRow, link?: (line: number) => string, nothing = 'success path: no sync'): string[] {
  const parts: string[] = [];
  if (row.optimistic.length > 0) parts.push(`optimistic: ${steps(row.optimistic, link)}`);
  if (row.helpers.length > 0) parts.push(`helper: ${steps(row.helpers, link)}`);
  if (row.store.length > 0) parts.push(`${row.verdict === 'partly' ? 'store only' : 'store'}: ${steps(row.store, link)}`);
  if (row.cache.length > 0) parts.push(`${row.verdict === 'partly' ? 'cache only' : 'cache'}: ${steps(row.cache, link)}`);
  if (row.handOff) parts.push(`handed off: ${HAND_OFF_REASONS[row.handOff.reason]}, ${row.handOff.code} (${link ? link(row.handOff.line) : `line ${row.handOff.line}`})`);
  if (parts.length === 0 || (row.verdict === 'optimistic' && row.helpers.length + row.store.length + row.cache.length === 0)) parts.push(nothing);
  return parts;
}

/** What a server-event callback does: its helper calls and hand-written syncs. */
function eventSyncs(event: EventRow, link?: (line: number) => string): string[] {
  const parts: string[] = [];
  if (event.helpers.length > 0) parts.push(`helper: ${steps(event.helpers, link)}`);
  if (event.store.length > 0) parts.push(`store: ${steps(event.store, link)}`);
  if (event.cache.length > 0) parts.push(`cache: ${steps(event.cache, link)}`);
  return parts.length > 0 ? parts : ['no sync'];
}

const FILE_COLUMNS = ['mutations', ...VERDICTS.map((verdict) => COUNTED[verdict].replace(' synced', '').replace('through the ', '')), 'hand-written syncs'];

function fileCells(file: Inventory['files'][number]): number[] {
  return [file.mutations, ...VERDICTS.map((verdict) => file.verdicts[verdict]), file.handWrittenSyncs];
}

export function renderText(inventory: Inventory): string {
  const lines = [`scene-sync audit: ${counted(inventory.rows.length, `${inventory.entity} mutation`)} in ${counted(inventory.files.length, 'file')} (${counted(inventory.filesScanned, 'file')} scanned)`];
  for (const verdict of VERDICTS) {
    const rows = inventory.rows.filter((row) => row.verdict === verdict);
    if (rows.length === 0) continue;
    lines.push('', `${HEADINGS[verdict]} (${rows.length})`);
    for (const row of rows) {
      lines.push(`  ${row.procedure}  ${row.file}:${row.line}`, `    invoked: ${invokedText(row)}`, ...successPath(row).map((part) => `    ${part}`));
    }
  }
  if (inventory.events.length > 0) {
    lines.push('', `Server events (${inventory.events.length})`);
    for (const event of inventory.events) lines.push(`  ${event.event}  ${event.file}:${event.line}`, ...eventSyncs(event).map((part) => `    ${part}`));
  }
  if (inventory.files.length > 0) {
    const nameWidth = Math.max(8, ...inventory.files.map((file) => file.file.length));
    lines.push('', `${'Per file'.padEnd(nameWidth)}  ${FILE_COLUMNS.join('  ')}`);
    for (const file of inventory.files) {
      lines.push(`${file.file.padEnd(nameWidth)}  ${fileCells(file).map((cell, index) => String(cell).padStart(FILE_COLUMNS[index]!.length)).join('  ')}`);
    }
  }
  if (inventory.repeatedRuns.length > 0) {
    lines.push('', `Sync runs repeated across files (${inventory.repeatedRuns.length})`);
    for (const run of inventory.repeatedRuns) {
      lines.push(`  ${run.steps.join(', then ')}`, `    ${run.places.map((place) => `${place.file}:${place.line}`).join(', ')}`);
    }
  }
  if (inventory.skipped.length > 0) {
    lines.push('', `Skipped, unparsable (${inventory.skipped.length})`, ...inventory.skipped.map((entry) => `  ${entry.file}${entry.line === undefined ? '' : `:${entry.line}`}: ${entry.error}`));
  }
  lines.push('', summaryLine(inventory));
  return lines.join('\n');
}

/** Markdown for a pull request or a design doc; `linkTo` turns a file into a relative link, with line anchors. */
export function renderMarkdown(inventory: Inventory, linkTo: (file: string) => string): string {
  const at = (file: string, line: number, text = `${file}:${line}`) => `[${escapeLinkText(text)}](${linkTo(file)}#L${line})`;
  const counts = countVerdicts(inventory.rows);
  const lines = [
    `# ${capitalize(inventory.entity)} sync audit`,
    '',
    `${summaryLine(inventory)} (${counted(inventory.files.length, 'file')} with ${inventory.entity} mutations or syncs, ${counted(inventory.filesScanned, 'file')} scanned).`,
    '',
    '| Verdict | Mutations |',
    '| --- | ---: |',
    ...VERDICTS.map((verdict) => `| ${HEADINGS[verdict]} | ${counts[verdict]} |`),
  ];
  for (const verdict of VERDICTS) {
    const rows = inventory.rows.filter((row) => row.verdict === verdict);
    if (rows.length === 0) continue;
    lines.push('', `## ${HEADINGS[verdict]} (${rows.length})`, '', '| Procedure | Mutation | Invoked | Success path |', '| --- | --- | --- | --- |');
    for (const row of rows) {
      const link = (line: number) => at(row.file, line, `line ${line}`);
      const invoked =
        row.invoked.length === 0
          ? invokedText(row)
          : row.invoked.map((invocation) => `${escapeCell(invocation.within.join(' > ') || 'top level')} (${link(invocation.line)})`).join(', ');
      lines.push(`| \`${row.procedure}\` | ${at(row.file, row.line)} | ${invoked} | ${successPath(row, link, 'no sync').map(escapeCell).join('<br>')} |`);
    }
  }
  if (inventory.events.length > 0) {
    lines.push('', `## Server events (${inventory.events.length})`, '', '| Event | Callback | Sync |', '| --- | --- | --- |');
    for (const event of inventory.events) {
      const link = (line: number) => at(event.file, line, `line ${line}`);
      lines.push(`| \`${event.event}\` | ${at(event.file, event.line)} | ${eventSyncs(event, link).map(escapeCell).join('<br>')} |`);
    }
  }
  if (inventory.files.length > 0) {
    lines.push('', '## Per file', '', `| File | ${FILE_COLUMNS.map(capitalize).join(' | ')} |`, `| --- |${' ---: |'.repeat(FILE_COLUMNS.length)}`);
    for (const file of inventory.files) lines.push(`| [${escapeLinkText(file.file)}](${linkTo(file.file)}) | ${fileCells(file).join(' | ')} |`);
  }
  if (inventory.repeatedRuns.length > 0) {
    lines.push('', '## Sync runs repeated across files', '', '| Run | Places |', '| --- | --- |');
    for (const run of inventory.repeatedRuns) {
      lines.push(`| ${run.steps.map((step) => `\`${escapeCell(step)}\``).join(', then ')} | ${run.places.map((place) => at(place.file, place.line)).join(', ')} |`);
    }
  }
  if (inventory.skipped.length > 0) {
    lines.push('', '## Skipped (unparsable)', '');
    for (const entry of inventory.skipped) lines.push(`- ${entry.line === undefined ? `[${escapeLinkText(entry.file)}](${linkTo(entry.file)})` : at(entry.file, entry.line)}: ${escapeCell(entry.error)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Text safe inside a table cell: pipes and angle brackets escaped, on one line. */
function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/\n/g, ' ');
}

/** A file name as link text: Next.js routes hold brackets (`app/[id]/page.tsx`). */
function escapeLinkText(text: string): string {
  return escapeCell(text).replace(/[[\]]/g, '\\$&');
}

function counted(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
