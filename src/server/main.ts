import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { openContext } from './open.ts';

/** Loads the database, builds the app and listens; closes cleanly on SIGINT/SIGTERM. */
export async function startServer(config: Config): Promise<void> {
  const ctx = await openContext(config.DATABASE_URL);
  const { app } = await buildApp(ctx, {
    logLevel: config.LOG_LEVEL,
    cookieSecure: config.COOKIE_SECURE === 'true',
  });
  const close = async () => {
    await app.close();
    await ctx.db.destroy();
    process.exit(0);
  };
  process.once('SIGINT', () => void close());
  process.once('SIGTERM', () => void close());
  await app.listen({ port: config.PORT, host: config.HOST });
  process.stderr.write(
    `dangvien: đang phục vụ tại http://${config.HOST}:${config.PORT} (${ctx.dialect})\n`,
  );
}
