import type { Actor } from '../../server/access/actor.ts';
import type { AppContext } from '../../server/context.ts';
import { reorganize } from '../../server/modules/organizations/organizations.service.ts';
import { REORGANIZED } from './figures.ts';
import { COMMUNES, DISTRICT_BODIES, NEW_COMMUNES } from './places.ts';

/**
 * The 2025 reorganization, through the organizations service like any other: the district is
 * abolished and its organizations move under six new commune committees of the province.
 */
export async function reorganizeIn2025(ctx: AppContext, actor: Actor): Promise<void> {
  await reorganize(ctx, actor, {
    on: REORGANIZED,
    decisionNo: '1234-QĐ/TU',
    reason: 'Sắp xếp tổ chức bộ máy: không tổ chức cấp huyện, sáp nhập xã (Nghị quyết 60-NQ/TW)',
    steps: [
      ...NEW_COMMUNES.map((c) => ({
        op: 'create' as const,
        code: c.code,
        name: c.name,
        kind: 'committee' as const,
        level: 'grassroots' as const,
        parentCode: 'DB',
        sector: 'commune' as const,
        decidesAdmissions: true,
        educationException: true,
      })),
      ...COMMUNES.map((c) => ({
        op: 'merge' as const,
        codes: [`DBD-${c.code}`],
        intoCode: c.mergesInto,
      })),
      ...DISTRICT_BODIES.map((b) => ({
        op: 'move' as const,
        code: `DBD-${b.code}`,
        toParentCode: b.mergesInto,
      })),
      { op: 'move' as const, code: 'DBD-THPT-DBD', toParentCode: 'X-DBD' },
      { op: 'move' as const, code: 'DBD-THPT-ML', toParentCode: 'X-ML' },
      { op: 'move' as const, code: 'DBD-PTDTNT', toParentCode: 'X-DBD' },
      { op: 'move' as const, code: 'DBD-GDNN', toParentCode: 'X-DBD' },
      { op: 'move' as const, code: 'DBD-GHEP-MN', toParentCode: 'X-PG' },
      { op: 'dissolve' as const, code: 'DBD' },
    ],
  });
}
