import { createHash } from 'node:crypto';

/** Identifies a file's text: the CLI writes a rewrite only over the text it was computed from. */
export function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
