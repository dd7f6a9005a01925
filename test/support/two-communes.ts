import type { Actor } from '../../src/server/access/actor.ts';
import type { AppContext } from '../../src/server/context.ts';
import { buildMembership, buildOrganization, buildPerson, buildUnit } from './factories.ts';

/** What the communes and their cells are called (the tests read the names back). */
export interface TwoCommunesNames {
  commune: (code: string) => string;
  cell: (code: string) => string;
}

/**
 * A province P with a district D holding communes C1 and C2, each with two cells C1-1, C1-2, …:
 * cell n has n members (6 in all), each living in the cell's own village U-<cell>, admitted on
 * 2015-03-01 and official on 2016-03-01. Built by hand, so that every expected figure of a test
 * is counted in the test. Returns the members of each cell by code.
 */
export async function buildTwoCommunes(
  ctx: AppContext,
  actor: Actor,
  names: TwoCommunesNames,
): Promise<Record<string, number>> {
  const members: Record<string, number> = {};
  await buildOrganization(ctx, actor, {
    code: 'P',
    name: 'Tỉnh',
    kind: 'committee',
    level: 'top',
    parentCode: null,
  });
  await buildOrganization(ctx, actor, {
    code: 'D',
    name: 'Huyện',
    kind: 'committee',
    level: 'upper',
    parentCode: 'P',
  });
  for (const c of ['C1', 'C2']) {
    await buildOrganization(ctx, actor, {
      code: c,
      name: names.commune(c),
      kind: 'committee',
      level: 'grassroots',
      parentCode: 'D',
    });
    for (const n of [1, 2]) {
      const cell = await buildOrganization(ctx, actor, {
        code: `${c}-${n}`,
        name: names.cell(`${c}-${n}`),
        parentCode: c,
      });
      const unit = await buildUnit(ctx, actor, {
        code: `U-${c}-${n}`,
        organizationCode: cell.code,
      });
      for (let i = 0; i < n; i++) {
        const person = await buildPerson(ctx, actor, {
          unitCode: unit.code,
          fullName: `Lò Văn ${c}${n}${i}`,
        });
        await buildMembership(ctx, {
          personId: person.id,
          organizationId: cell.id,
          unitId: unit.id,
          admittedOn: '2015-03-01',
          officialOn: '2016-03-01',
        });
      }
      members[cell.code] = n;
    }
  }
  return members;
}
