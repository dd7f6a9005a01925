import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { openContext } from './open.ts';
import { compactTallies } from './modules/reports/tallies.repository.ts';
import { setupStatus } from './modules/setup/setup.service.ts';

/** How often the member tallies' pending deltas are folded in (PostgreSQL; see tallies.repository.ts). */
const TALLY_COMPACTION_MS = 60_000;

/** How long in-flight requests may take to finish after SIGTERM before the process gives up. */
const SHUTDOWN_GRACE_MS = 25_000;

/**
 * Loads the database, builds the app and listens. On SIGINT/SIGTERM it stops accepting
 * connections (new requests on kept-alive ones get 503), lets in-flight requests finish, closes
 * the database (SQLite checkpoints its WAL) and exits 0; past the grace period it exits 1.
 */
export async function startServer(config: Config): Promise<void> {
  const ctx = await openContext(config.DATABASE_URL);
  const { app } = await buildApp(ctx, {
    logLevel: config.LOG_LEVEL,
    cookieSecure: config.COOKIE_SECURE === 'true',
    trustProxy: config.TRUST_PROXY,
  });
  let closing = false;
  const compaction = setInterval(() => {
    compactTallies(ctx.db).catch((error: unknown) =>
      app.log.warn({ err: error }, 'tally compaction failed; retried next time'),
    );
  }, TALLY_COMPACTION_MS);
  compaction.unref();
  // While closing, answers end their connection, so a kept-alive client does not hold it open.
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) void reply.header('connection', 'close');
    done(null, payload);
  });
  const close = async (signal: string) => {
    if (closing) return;
    closing = true;
    clearInterval(compaction);
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    const timer = setTimeout(() => {
      app.log.error({ signal }, 'shutdown grace period over; exiting with requests unfinished');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    timer.unref();
    // A keep-alive connection whose request finishes after close() began would otherwise stay
    // open until its idle timeout (72 s in Fastify); close such connections as they go idle.
    const sweeper = setInterval(() => app.server.closeIdleConnections(), 100);
    sweeper.unref();
    try {
      await app.close();
      await ctx.db.destroy();
      app.log.info('stopped: database closed');
      process.exit(0);
    } catch (error) {
      app.log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.once('SIGINT', () => void close('SIGINT'));
  process.once('SIGTERM', () => void close('SIGTERM'));
  await app.listen({ port: config.PORT, host: config.HOST });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  process.stderr.write(
    `dangvien: đang phục vụ tại http://${config.HOST}:${port} (${ctx.dialect})\n`,
  );
  if (!(await setupStatus(ctx)).initialised)
    process.stderr.write(
      `dangvien: cơ sở dữ liệu chưa có tổ chức đảng nào: mở http://${config.HOST}:${port} để khởi tạo (tổ chức cấp cao nhất, quản trị viên đầu tiên), hoặc chạy npx dangvien init\n`,
    );
}
