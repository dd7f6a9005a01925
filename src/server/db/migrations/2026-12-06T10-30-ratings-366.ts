import { PostgresAdapter, type Kysely, type CreateTableBuilder } from 'kysely';

/**
 * Ratings per regulation version (issue 16, finding 8). A scheme now says how it decides
 * (`scale`: a 100-point scale, or a level the meeting proposes), which rule set decides its levels
 * (`ruleset`: the conditions and the cases forcing "không hoàn thành nhiệm vụ" live in code per
 * version, each with its citation) and the texts it comes from. Criteria belong to dated groups
 * with their weights (366-QĐ/TW: general criteria 30 points, task results 70). A rating keeps the
 * conditions entered, the level the points alone gave, the reason of its level and the citation.
 *
 * The shipped versions are seeded here, like the holidays: 132-QĐ/TW (8/3/2018, with 16-HD/BTCTW
 * then 21-HD/BTCTW), 124-QĐ/TW (4/10/2023) and 366-QĐ/TW (30/8/2025). The earlier simplified
 * outline installed under the code "366-QĐ/TW" (its 100 points split six ways by assumption) is
 * kept for the ratings made with it, renamed and never in force. Frozen in time: imports no app code.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

function withId<T extends string>(db: AnyDb, table: CreateTableBuilder<T>): CreateTableBuilder<T> {
  return db.getExecutor().adapter instanceof PostgresAdapter
    ? table.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

const OPEN = '9999-12-31';

interface Criterion {
  code: string;
  name: string;
  maxPoints: number;
  metric?: string;
}
interface Group {
  subject: 'organization' | 'member';
  code: string;
  name: string;
  maxPoints: number;
  citation: string;
  criteria: Criterion[];
}
interface Scheme {
  code: string;
  name: string;
  scale: 'points' | 'grades';
  regulation: string;
  guidance: string | null;
  maxPoints: number;
  excellentMin: number;
  goodMin: number;
  completedMin: number;
  validFrom: string;
  validTo: string;
  note: string;
  groups: Group[];
}

const SCHEMES: Scheme[] = [
  {
    code: '132-QĐ/TW',
    name: 'Quy định 132-QĐ/TW ngày 08/3/2018 của Bộ Chính trị (xếp loại theo tiêu chí, không chấm điểm)',
    scale: 'grades',
    regulation: '132-QĐ/TW',
    guidance: '21-HD/BTCTW',
    maxPoints: 0,
    excellentMin: 0,
    goodMin: 0,
    completedMin: 0,
    validFrom: '2018-03-08',
    validTo: '2023-10-04',
    note: 'Hướng dẫn 16-HD/BTCTW (24/9/2018), thay bằng 21-HD/BTCTW (18/10/2019). Mức do hội nghị đề xuất; hệ thống kiểm tra các điều kiện và trường hợp không hoàn thành nhiệm vụ.',
    groups: [],
  },
  {
    code: '124-QĐ/TW',
    name: 'Quy định 124-QĐ/TW ngày 04/10/2023 của Bộ Chính trị (xếp loại theo tiêu chí, không chấm điểm)',
    scale: 'grades',
    regulation: '124-QĐ/TW',
    guidance: '25-HD/BTCTW',
    maxPoints: 0,
    excellentMin: 0,
    goodMin: 0,
    completedMin: 0,
    validFrom: '2023-10-04',
    validTo: '2025-08-30',
    note: 'Áp dụng cho xếp loại năm 2023 và 2024. Mức do hội nghị đề xuất; hệ thống kiểm tra các trường hợp không hoàn thành nhiệm vụ.',
    groups: [],
  },
  {
    code: '366-QĐ/TW',
    name: 'Quy định 366-QĐ/TW ngày 30/8/2025 của Bộ Chính trị (thang điểm 100)',
    scale: 'points',
    regulation: '366-QĐ/TW',
    guidance: '43-HD/BTCTW',
    maxPoints: 100,
    excellentMin: 90,
    goodMin: 70,
    completedMin: 50,
    validFrom: '2025-08-30',
    validTo: OPEN,
    note: 'Khung tiêu chí: nhóm tiêu chí chung 30 điểm, nhóm kết quả thực hiện nhiệm vụ 70 điểm. Phân bổ trong nhóm (phát triển đảng viên 10 điểm) do cấp ủy cụ thể hóa.',
    groups: [
      {
        subject: 'organization',
        code: 'general',
        name: 'Nhóm tiêu chí chung',
        maxPoints: 30,
        citation: '366-QĐ/TW, Điều 10 và Phụ lục 1',
        criteria: [
          {
            code: 'general',
            name: 'Chính trị tư tưởng, đoàn kết, tự phê bình và phê bình, khắc phục hạn chế',
            maxPoints: 30,
          },
        ],
      },
      {
        subject: 'organization',
        code: 'results',
        name: 'Nhóm tiêu chí kết quả thực hiện nhiệm vụ',
        maxPoints: 70,
        citation: '366-QĐ/TW, Điều 10 và Phụ lục 1',
        criteria: [
          {
            code: 'tasks',
            name: 'Kết quả thực hiện các chỉ tiêu, nhiệm vụ được giao',
            maxPoints: 60,
          },
          {
            code: 'development',
            name: 'Công tác phát triển đảng viên (kết nạp so với kế hoạch)',
            maxPoints: 10,
            metric: 'admissions_vs_plan',
          },
        ],
      },
      {
        subject: 'member',
        code: 'general',
        name: 'Nhóm tiêu chí chung',
        maxPoints: 30,
        citation: '366-QĐ/TW, Điều 10 và Phụ lục 4',
        criteria: [
          {
            code: 'general',
            name: 'Chính trị, phẩm chất đạo đức, lối sống, ý thức tổ chức kỷ luật, trách nhiệm nêu gương',
            maxPoints: 30,
          },
        ],
      },
      {
        subject: 'member',
        code: 'results',
        name: 'Nhóm tiêu chí kết quả thực hiện nhiệm vụ',
        maxPoints: 70,
        citation: '366-QĐ/TW, Điều 10 và Phụ lục 4',
        criteria: [
          {
            code: 'results',
            name: 'Kết quả thực hiện chức trách, nhiệm vụ được giao',
            maxPoints: 70,
          },
        ],
      },
    ],
  },
];

/** The id of a row just inserted. */
async function insertedId(insert: {
  returning(column: 'id'): { executeTakeFirstOrThrow(): Promise<unknown> };
}): Promise<number> {
  const row = (await insert.returning('id').executeTakeFirstOrThrow()) as { id: number | string };
  return Number(row.id);
}

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('rating_schemes')
    .addColumn('scale', 'text', (c) => c.notNull().defaultTo('points'))
    .execute();
  await db.schema.alterTable('rating_schemes').addColumn('ruleset', 'text').execute();
  await db.schema.alterTable('rating_schemes').addColumn('regulation', 'text').execute();
  await db.schema.alterTable('rating_schemes').addColumn('guidance', 'text').execute();

  await withId(db, db.schema.createTable('rating_groups'))
    .addColumn('scheme_id', 'integer', (c) => c.notNull().references('rating_schemes.id'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('max_points', 'real', (c) => c.notNull())
    .addColumn('citation', 'text')
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('rating_criteria').addColumn('group_id', 'integer').execute();

  await db.schema.alterTable('ratings').addColumn('level_by_points', 'text').execute();
  await db.schema.alterTable('ratings').addColumn('reason', 'text').execute();
  await db.schema.alterTable('ratings').addColumn('citation', 'text').execute();
  await db.schema.alterTable('ratings').addColumn('conditions', 'text').execute();

  // The old outline keeps its ratings; it was never the text's framework.
  const old = await db
    .selectFrom('rating_schemes')
    .selectAll()
    .where('code', '=', '366-QĐ/TW')
    .executeTakeFirst();
  // The app's connection maps result columns to camelCase; a bare one does not.
  const oldFrom = old ? String(old.validFrom ?? old.valid_from) : undefined;
  if (old)
    await db
      .updateTable('rating_schemes')
      .set({
        code: '366-QĐ/TW (khung rút gọn cũ)',
        valid_to: oldFrom,
        ruleset: '366-QĐ/TW',
        regulation: '366-QĐ/TW',
        note: 'Khung rút gọn trước khi sửa (phân bổ 100 điểm giả định); giữ cho các kết quả đã ghi, không còn áp dụng',
      })
      .where('id', '=', old.id)
      .execute();

  for (const scheme of SCHEMES) {
    const id = await insertedId(
      db.insertInto('rating_schemes').values({
        code: scheme.code,
        name: scheme.name,
        scale: scheme.scale,
        ruleset: scheme.code,
        regulation: scheme.regulation,
        guidance: scheme.guidance,
        max_points: scheme.maxPoints,
        excellent_min: scheme.excellentMin,
        good_min: scheme.goodMin,
        completed_min: scheme.completedMin,
        valid_from: scheme.validFrom,
        valid_to: scheme.validTo,
        note: scheme.note,
      }),
    );
    let sort = 0;
    for (const [g, group] of scheme.groups.entries()) {
      const groupId = await insertedId(
        db.insertInto('rating_groups').values({
          scheme_id: id,
          subject: group.subject,
          code: group.code,
          name: group.name,
          max_points: group.maxPoints,
          citation: group.citation,
          sort: g + 1,
        }),
      );
      for (const c of group.criteria) {
        sort += 1;
        await db
          .insertInto('rating_criteria')
          .values({
            scheme_id: id,
            group_id: groupId,
            subject: group.subject,
            code: c.code,
            name: c.name,
            max_points: c.maxPoints,
            metric: c.metric ?? null,
            sector: null,
            sort,
          })
          .execute();
      }
    }
  }
}

export async function down(db: AnyDb): Promise<void> {
  for (const column of ['conditions', 'citation', 'reason', 'level_by_points'])
    await db.schema.alterTable('ratings').dropColumn(column).execute();
  await db.schema.alterTable('rating_criteria').dropColumn('group_id').execute();
  await db.schema.dropTable('rating_groups').execute();
  for (const column of ['guidance', 'regulation', 'ruleset', 'scale'])
    await db.schema.alterTable('rating_schemes').dropColumn(column).execute();
}
