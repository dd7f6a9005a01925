import type { Command } from 'commander';
import { systemActor } from '../server/access/actor.ts';
import { parseDate } from '../shared/dates.ts';
import { REGULATION_GOVERNS } from '../shared/regulations.ts';
import {
  addRegulation,
  listRegulations,
} from '../server/modules/regulations/regulations.service.ts';
import { isInForce } from '../server/modules/regulations/regulations.rules.ts';
import { databaseUrl, output, withContext } from './common.ts';

/** A date as typed (dd/mm/yyyy or yyyy-mm-dd) to ISO; left as typed when invalid, so validation names it. */
function isoOrRaw(input: string): string {
  return parseDate(input) ?? input;
}

/**
 * `dangvien regulation list|add`: the regulations register. `add` records a new text (a later
 * implementing regulation, guidance or forms guidance) without a release; documents cite it from
 * its effective date. The rule values of a new version of the regulation still ship in code.
 */
export function registerRegulation(program: Command): void {
  const regulation = program
    .command('regulation')
    .description('văn bản quy định: quy định, hướng dẫn thi hành Điều lệ, hướng dẫn nghiệp vụ');
  regulation
    .command('list')
    .description('liệt kê các văn bản (JSON)')
    .option('--governs <kind>', REGULATION_GOVERNS.join(' | '))
    .option('--on <date>', 'chỉ các văn bản có hiệu lực vào ngày này (dd/mm/yyyy)')
    .option('--database <url>', 'sqlite:PATH hoặc postgres://…')
    .action(async (options: { governs?: string; on?: string; database?: string }) => {
      const { items } = await withContext(databaseUrl(options.database), (ctx) =>
        listRegulations(ctx, systemActor('cli')),
      );
      const on = options.on ? parseDate(options.on) : null;
      if (options.on && !on) throw new Error(`--on: ngày không hợp lệ "${options.on}"`);
      const filtered = items.filter(
        (item) =>
          (!options.governs || item.governs === options.governs) && (!on || isInForce(item, on)),
      );
      await output(JSON.stringify({ items: filtered }, null, 2), undefined);
    });
  regulation
    .command('add')
    .description('thêm một văn bản mới (quản trị viên)')
    .requiredOption('--number <number>', 'số hiệu như in trên văn bản, ví dụ 07-HD/BTCTW')
    .requiredOption('--title <title>', 'trích yếu')
    .requiredOption('--issuer <issuer>', 'cơ quan ban hành')
    .requiredOption('--signed <date>', 'ngày ký (dd/mm/yyyy)')
    .requiredOption('--effective <date>', 'ngày có hiệu lực (dd/mm/yyyy)')
    .requiredOption('--governs <kind>', REGULATION_GOVERNS.join(' | '))
    .requiredOption('--reason <reason>', 'lý do (ghi vào nhật ký)')
    .option(
      '--replaces <number@date>',
      'văn bản bị thay thế: số hiệu@ngày ký, ví dụ 12-HD/BTCTW@18/01/2022',
    )
    .option('--source <url>', 'địa chỉ bản công khai của văn bản')
    .option('--unconfirmed', 'ngày tháng chưa đối chiếu với bản gốc')
    .option('--note <note>', 'ghi chú')
    .option('--database <url>', 'sqlite:PATH hoặc postgres://…')
    .action(
      async (options: {
        number: string;
        title: string;
        issuer: string;
        signed: string;
        effective: string;
        governs: string;
        reason: string;
        replaces?: string;
        source?: string;
        unconfirmed?: boolean;
        note?: string;
        database?: string;
      }) => {
        let replaces: { number: string; signedOn: string } | null = null;
        if (options.replaces) {
          const at = options.replaces.lastIndexOf('@');
          if (at <= 0)
            throw new Error('--replaces: viết số hiệu@ngày ký, ví dụ 12-HD/BTCTW@18/01/2022');
          replaces = {
            number: options.replaces.slice(0, at),
            signedOn: isoOrRaw(options.replaces.slice(at + 1)),
          };
        }
        const added = await withContext(databaseUrl(options.database), (ctx) =>
          addRegulation(ctx, systemActor('cli'), {
            number: options.number,
            title: options.title,
            issuer: options.issuer,
            signedOn: isoOrRaw(options.signed),
            effectiveFrom: isoOrRaw(options.effective),
            governs: options.governs,
            replaces,
            source: options.source ?? null,
            confirmed: options.unconfirmed !== true,
            note: options.note ?? '',
            reason: options.reason,
          }),
        );
        await output(JSON.stringify(added, null, 2), undefined);
      },
    );
}
