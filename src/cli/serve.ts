import type { Command } from 'commander';
import { loadConfig } from '../server/config.ts';
import { startServer } from '../server/main.ts';

/** `dangvien serve [--port 3000] [--host 127.0.0.1] [--database URL]` */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('chạy máy chủ web và API')
    .option('--port <port>', 'cổng')
    .option('--host <host>', 'địa chỉ lắng nghe')
    .option('--database <url>', 'sqlite:PATH hoặc postgres://…')
    .action(async (options: { port?: string; host?: string; database?: string }) => {
      const config = loadConfig(process.env, {
        PORT: options.port,
        HOST: options.host,
        DATABASE_URL: options.database,
      });
      await startServer(config);
    });
}
