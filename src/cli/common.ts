import { writeFile } from 'node:fs/promises';
import { DEFAULT_DATABASE_URL } from '../server/db/database.ts';
import type { AppContext } from '../server/context.ts';
import { openContext } from '../server/open.ts';

/** The database URL from --database, else DATABASE_URL, else the default (SPEC §9). */
export function databaseUrl(option: string | undefined, fallback = DEFAULT_DATABASE_URL): string {
  return option ?? process.env.DATABASE_URL ?? fallback;
}

/** Opens the context for a command, runs it and always closes the database. */
export async function withContext<T>(
  url: string,
  run: (ctx: AppContext) => Promise<T>,
): Promise<T> {
  const ctx = await openContext(url);
  try {
    return await run(ctx);
  } finally {
    await ctx.db.destroy();
  }
}

/** Writes a command's result to --out or stdout. */
export async function output(content: string | Uint8Array, out: string | undefined): Promise<void> {
  if (out) {
    await writeFile(out, content);
    process.stderr.write(`dangvien: đã ghi ${out}\n`);
  } else {
    process.stdout.write(
      typeof content === 'string' ? (content.endsWith('\n') ? content : `${content}\n`) : content,
    );
  }
}
