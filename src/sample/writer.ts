import { sql } from 'kysely';
import type { Db } from '../server/db/database.ts';
import { dialectOfDb } from '../server/db/database.ts';
import { foldText, normalizeText } from '../shared/text.ts';
import {
  VIETNAM_HOLIDAYS,
  VIETNAM_MAKEUP_WORKDAYS,
} from '../server/modules/calendar/holidays.data.ts';

/**
 * The one writer of sample data (the demo and the national generator) for the tables both fill
 * in bulk: the tree, units, people, memberships and their periods, candidates and their steps,
 * plans and the holiday calendar. Ids are assigned by the caller, in memory, so a load is a
 * handful of large statements; the caller moves the identity sequences past them afterwards
 * (`resetIdSequences`). Rows are buffered per table as columns and flushed in large chunks: on
 * PostgreSQL one `INSERT … SELECT * FROM unnest($1::int[], $2::text[], …)` per chunk (one bound
 * parameter per column, so a chunk may hold tens of thousands of rows and the server parses one
 * statement), on SQLite multi-row VALUES under its bound-parameter limit.
 *
 * Sample data writes these tables directly, not through the modules that own them: it loads an
 * empty database in one transaction, at a speed row-by-row use cases cannot reach (see
 * docs/ARCHITECTURE.md, "Who writes which table"). Everything after the bulk load (the 2025
 * reorganization, the living pipeline, ratings, users) goes through the modules' services and
 * repositories.
 */

const OPEN = '9999-12-31';

/** A column of a bulk table: its SQL name and the PostgreSQL array type of its values. */
interface BulkColumn {
  name: string;
  type: 'int' | 'text' | 'real';
}

/** Rows of one table waiting to be written, column by column. */
class BulkTable {
  readonly #db: Db;
  readonly #postgres: boolean;
  readonly #table: string;
  readonly #columns: readonly BulkColumn[];
  readonly #chunk: number;
  readonly #parents: readonly BulkTable[];
  #values: unknown[][];
  /** Rows written so far. */
  written = 0;

  /** `parents` are the tables this one references: they are flushed first, so foreign keys hold. */
  constructor(
    db: Db,
    table: string,
    columns: readonly BulkColumn[],
    parents: readonly BulkTable[] = [],
    chunk = 50_000,
  ) {
    this.#parents = parents;
    this.#db = db;
    this.#postgres = dialectOfDb(db) === 'postgres';
    this.#table = table;
    this.#columns = columns;
    this.#chunk = this.#postgres ? chunk : Math.max(1, Math.floor(30_000 / columns.length));
    this.#values = columns.map(() => []);
  }

  /** Buffers one row (values in column order) and writes the buffer when it is full. */
  async add(row: readonly unknown[]): Promise<void> {
    for (let i = 0; i < row.length; i++) this.#values[i]?.push(row[i]);
    if ((this.#values[0]?.length ?? 0) >= this.#chunk) await this.flush();
  }

  /** Writes whatever is buffered. */
  async flush(): Promise<void> {
    const count = this.#values[0]?.length ?? 0;
    if (count === 0) return;
    for (const parent of this.#parents) await parent.flush();
    const values = this.#values;
    this.#values = this.#columns.map(() => []);
    const names = sql.join(this.#columns.map((c) => sql.id(c.name)));
    if (this.#postgres) {
      const arrays = sql.join(
        this.#columns.map(
          (c, i) =>
            sql`${values[i]}::${sql.raw(c.type === 'int' ? 'int' : c.type === 'real' ? 'float8' : 'text')}[]`,
        ),
      );
      await sql`insert into ${sql.id(this.#table)} (${names}) select * from unnest(${arrays})`.execute(
        this.#db,
      );
    } else {
      const rows = [];
      for (let r = 0; r < count; r++)
        rows.push(sql`(${sql.join(values.map((column) => column[r]))})`);
      await sql`insert into ${sql.id(this.#table)} (${names}) values ${sql.join(rows)}`.execute(
        this.#db,
      );
    }
    this.written += count;
  }
}

/** The columns sample data writes, per table, in the order of the rows handed to BulkTable. */
const TABLES = {
  organizations: [
    ['id', 'int'],
    ['code', 'text'],
    ['name', 'text'],
    ['name_folded', 'text'],
    ['kind', 'text'],
    ['level', 'text'],
    ['sector', 'text'],
    ['combined', 'int'],
    ['decides_admissions', 'int'],
    ['education_exception', 'int'],
    ['has_youth_union', 'int'],
    ['established_on', 'text'],
    ['created_at', 'text'],
  ],
  organization_links: [
    ['organization_id', 'int'],
    ['parent_id', 'int'],
    ['valid_from', 'text'],
  ],
  organization_closure: [
    ['ancestor_id', 'int'],
    ['descendant_id', 'int'],
    ['depth', 'int'],
    ['valid_from', 'text'],
  ],
  units: [
    ['id', 'int'],
    ['code', 'text'],
    ['name', 'text'],
    ['name_folded', 'text'],
    ['kind', 'text'],
    ['commune_unit_id', 'int'],
    ['sector', 'text'],
    ['staff_count', 'int'],
    ['valid_from', 'text'],
  ],
  unit_coverage: [
    ['unit_id', 'int'],
    ['organization_id', 'int'],
    ['valid_from', 'text'],
  ],
  people: [
    ['id', 'int'],
    ['full_name', 'text'],
    ['name_folded', 'text'],
    ['name_sort', 'text'],
    ['gender', 'text'],
    ['birth_date', 'text'],
    ['ethnicity', 'text'],
    ['religion', 'text'],
    ['national_id', 'text'],
    ['phone', 'text'],
    ['unit_id', 'int'],
    ['education_level', 'text'],
    ['professional_level', 'text'],
    ['political_theory', 'text'],
    ['occupation', 'text'],
    ['created_at', 'text'],
    ['updated_at', 'text'],
  ],
  person_target_groups: [
    ['person_id', 'int'],
    ['target_group', 'text'],
    ['valid_from', 'text'],
    ['valid_to', 'text'],
  ],
  memberships: [
    ['id', 'int'],
    ['person_id', 'int'],
    ['candidate_id', 'int'],
    ['admitted_on', 'text'],
    ['admission_decision_no', 'text'],
    ['official_on', 'text'],
    ['official_decision_no', 'text'],
    ['ended_on', 'text'],
    ['end_reason', 'text'],
  ],
  member_periods: [
    ['membership_id', 'int'],
    ['person_id', 'int'],
    ['organization_id', 'int'],
    ['unit_id', 'int'],
    ['status', 'text'],
    ['start_reason', 'text'],
    ['end_reason', 'text'],
    ['valid_from', 'text'],
    ['valid_to', 'text'],
  ],
  candidates: [
    ['id', 'int'],
    ['person_id', 'int'],
    ['organization_id', 'int'],
    ['stage', 'text'],
    ['stage_on', 'text'],
    ['identified_on', 'text'],
    ['fostering_on', 'text'],
    ['closed_on', 'text'],
    ['failed_votes', 'int'],
    ['certificate_number', 'text'],
    ['certificate_issued_on', 'text'],
    ['certificate_issuer', 'text'],
    ['background_checked_on', 'text'],
    ['due_kind', 'text'],
    ['due_on', 'text'],
    ['created_at', 'text'],
    ['updated_at', 'text'],
  ],
  candidate_transitions: [
    ['candidate_id', 'int'],
    ['from_stage', 'text'],
    ['to_stage', 'text'],
    ['on', 'text'],
    ['actor', 'text'],
    ['reason', 'text'],
    ['details', 'text'],
    ['recorded_at', 'text'],
  ],
  candidate_members: [
    ['candidate_id', 'int'],
    ['member_person_id', 'int'],
    ['role', 'text'],
    ['since', 'text'],
  ],
  plans: [
    ['organization_id', 'int'],
    ['year', 'int'],
    ['metric', 'text'],
    ['sector', 'text'],
    ['target', 'int'],
    ['target_max', 'int'],
    ['focus_groups', 'text'],
    ['note', 'text'],
    ['valid_from', 'text'],
  ],
  holidays: [
    ['date', 'text'],
    ['name', 'text'],
    ['name_vi', 'text'],
    ['kind', 'text'],
    ['working', 'int'],
  ],
} as const satisfies Record<string, readonly (readonly [string, 'int' | 'text'])[]>;

/** A table sample data writes. */
export type SampleTable = keyof typeof TABLES;

/** Tables each table references, so that a flush writes parents before children. */
const PARENTS: Record<SampleTable, SampleTable[]> = {
  organizations: [],
  organization_links: ['organizations'],
  organization_closure: ['organizations'],
  units: [],
  unit_coverage: ['units', 'organizations'],
  people: ['units'],
  person_target_groups: ['people'],
  memberships: ['people'],
  member_periods: ['memberships', 'people', 'organizations', 'units'],
  candidates: ['people', 'organizations'],
  candidate_transitions: ['candidates'],
  candidate_members: ['candidates', 'people'],
  plans: ['organizations'],
  holidays: [],
};

/** An organization as sample data creates it (founded on `establishedOn`, never dissolved). */
export interface SampleOrganization {
  id: number;
  code: string;
  /** Normalized (NFC, Đ) and folded here. */
  name: string;
  kind: 'committee' | 'cell';
  level: string;
  sector?: string | null | undefined;
  combined?: boolean | undefined;
  decidesAdmissions?: boolean | undefined;
  educationException?: boolean | undefined;
  establishedOn: string;
  createdAt: string;
}

/** A unit (village, school, agency…) as sample data creates it. */
export interface SampleUnit {
  id: number;
  code: string;
  /** Normalized (NFC, Đ) and folded here. */
  name: string;
  kind: string;
  communeUnitId: number | null;
  sector: string | null;
  staffCount: number | null;
  validFrom: string;
}

/** A person; the name keys (folded, sort) are the caller's, so that it can cache them. */
export interface SamplePerson {
  id: number;
  fullName: string;
  nameFolded: string;
  nameSort: string;
  gender: 'male' | 'female';
  birthDate: string;
  ethnicity: string;
  religion: string | null;
  nationalId: string | null;
  phone?: string | null | undefined;
  unitId: number | null;
  educationLevel: string;
  professionalLevel?: string | null | undefined;
  politicalTheory: string | null;
  occupation: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A membership (its periods are written separately). */
export interface SampleMembership {
  id: number;
  personId: number;
  candidateId: number | null;
  admittedOn: string;
  admissionDecisionNo: string | null;
  officialOn: string | null;
  officialDecisionNo?: string | null | undefined;
  endedOn: string;
  endReason: string | null;
}

/** One period of a membership in a cell with one status. */
export interface SamplePeriod {
  membershipId: number;
  personId: number;
  organizationId: number;
  unitId: number | null;
  status: string;
  startReason: string;
  endReason: string | null;
  validFrom: string;
  validTo: string;
}

/** A candidate's dossier as it stands after its transitions. */
export interface SampleCandidate {
  id: number;
  personId: number;
  organizationId: number;
  stage: string;
  stageOn: string;
  identifiedOn: string;
  fosteringOn: string | null;
  closedOn: string;
  certificateNumber: string | null;
  certificateIssuedOn: string | null;
  certificateIssuer: string | null;
  backgroundCheckedOn: string | null;
  dueKind?: string | null | undefined;
  dueOn?: string | null | undefined;
  createdAt: string;
  updatedAt: string;
}

/** One step of a candidate's history. */
export interface SampleTransition {
  candidateId: number;
  fromStage: string | null;
  toStage: string;
  on: string;
  actor: string;
  details: string | null;
  recordedAt: string;
}

/** A yearly target of an organization. */
export interface SamplePlan {
  organizationId: number;
  year: number;
  metric: string;
  sector: string | null;
  target: number;
  targetMax: number | null;
  focusGroups?: string | null | undefined;
  note?: string | null | undefined;
  validFrom: string;
}

/** Buffers the rows of sample data and writes them in bulk, parents before children. */
export class SampleWriter {
  readonly #tables: Record<SampleTable, BulkTable>;

  constructor(db: Db) {
    const tables = {} as Record<SampleTable, BulkTable>;
    // Object order of TABLES lists every parent before its children.
    for (const [table, columns] of Object.entries(TABLES) as [
      SampleTable,
      (typeof TABLES)[SampleTable],
    ][])
      tables[table] = new BulkTable(
        db,
        table,
        columns.map(([name, type]) => ({ name, type })),
        PARENTS[table].map((parent) => tables[parent]),
      );
    this.#tables = tables;
  }

  /** Rows written so far to a table. */
  written(table: SampleTable): number {
    return this.#tables[table].written;
  }

  /** An organization with its parent link and its closure rows (`ancestors` nearest first). */
  async organization(o: SampleOrganization, ancestors: readonly number[]): Promise<void> {
    const name = normalizeText(o.name);
    await this.#tables.organizations.add([
      o.id,
      o.code,
      name,
      foldText(name),
      o.kind,
      o.level,
      o.sector ?? null,
      o.combined ? 1 : 0,
      o.decidesAdmissions ? 1 : 0,
      o.educationException ? 1 : 0,
      1,
      o.establishedOn,
      o.createdAt,
    ]);
    await this.#tables.organization_links.add([o.id, ancestors[0] ?? null, o.establishedOn]);
    await this.#tables.organization_closure.add([o.id, o.id, 0, o.establishedOn]);
    for (const [depth, ancestor] of ancestors.entries())
      await this.#tables.organization_closure.add([ancestor, o.id, depth + 1, o.establishedOn]);
  }

  /** A unit (villages, schools, agencies…). */
  async unit(u: SampleUnit): Promise<void> {
    const name = normalizeText(u.name);
    await this.#tables.units.add([
      u.id,
      u.code,
      name,
      foldText(name),
      u.kind,
      u.communeUnitId,
      u.sector,
      u.staffCount,
      u.validFrom,
    ]);
  }

  /** A unit covered by an organization from a date on. */
  async coverage(unitId: number, organizationId: number, validFrom: string): Promise<void> {
    await this.#tables.unit_coverage.add([unitId, organizationId, validFrom]);
  }

  /** A person's identity data. */
  async person(p: SamplePerson): Promise<void> {
    await this.#tables.people.add([
      p.id,
      p.fullName,
      p.nameFolded,
      p.nameSort,
      p.gender,
      p.birthDate,
      p.ethnicity,
      p.religion,
      p.nationalId,
      p.phone ?? null,
      p.unitId,
      p.educationLevel,
      p.professionalLevel ?? null,
      p.politicalTheory,
      p.occupation,
      p.createdAt,
      p.updatedAt,
    ]);
  }

  /** A target group a person belongs to in [validFrom, validTo). */
  async targetGroup(
    personId: number,
    targetGroup: string,
    validFrom: string,
    validTo: string = OPEN,
  ): Promise<void> {
    await this.#tables.person_target_groups.add([personId, targetGroup, validFrom, validTo]);
  }

  /** A membership. */
  async membership(m: SampleMembership): Promise<void> {
    await this.#tables.memberships.add([
      m.id,
      m.personId,
      m.candidateId,
      m.admittedOn,
      m.admissionDecisionNo,
      m.officialOn,
      m.officialDecisionNo ?? null,
      m.endedOn,
      m.endReason,
    ]);
  }

  /** A member period. */
  async period(p: SamplePeriod): Promise<void> {
    await this.#tables.member_periods.add([
      p.membershipId,
      p.personId,
      p.organizationId,
      p.unitId,
      p.status,
      p.startReason,
      p.endReason,
      p.validFrom,
      p.validTo,
    ]);
  }

  /** A candidate's dossier (write it before its transitions). */
  async candidate(c: SampleCandidate): Promise<void> {
    await this.#tables.candidates.add([
      c.id,
      c.personId,
      c.organizationId,
      c.stage,
      c.stageOn,
      c.identifiedOn,
      c.fosteringOn,
      c.closedOn,
      0,
      c.certificateNumber,
      c.certificateIssuedOn,
      c.certificateIssuer,
      c.backgroundCheckedOn,
      c.dueKind ?? null,
      c.dueOn ?? null,
      c.createdAt,
      c.updatedAt,
    ]);
  }

  /** One step of a candidate's history. */
  async transition(t: SampleTransition): Promise<void> {
    await this.#tables.candidate_transitions.add([
      t.candidateId,
      t.fromStage,
      t.toStage,
      t.on,
      t.actor,
      null,
      t.details,
      t.recordedAt,
    ]);
  }

  /** A member who helps (or introduces) a candidate since a date. */
  async candidateMember(
    candidateId: number,
    memberPersonId: number,
    role: string,
    since: string,
  ): Promise<void> {
    await this.#tables.candidate_members.add([candidateId, memberPersonId, role, since]);
  }

  /** A yearly target. */
  async plan(p: SamplePlan): Promise<void> {
    await this.#tables.plans.add([
      p.organizationId,
      p.year,
      p.metric,
      p.sector,
      p.target,
      p.targetMax,
      p.focusGroups ?? null,
      p.note ?? null,
      p.validFrom,
    ]);
  }

  /** The public-holiday calendar (holidays.data.ts), each date once, the holiday first. */
  async holidayCalendar(): Promise<void> {
    const seen = new Set<string>();
    for (const h of VIETNAM_HOLIDAYS) {
      if (seen.has(h.date)) continue;
      seen.add(h.date);
      await this.#tables.holidays.add([h.date, h.name, h.nameVi, h.kind, 0]);
    }
    for (const w of VIETNAM_MAKEUP_WORKDAYS) {
      if (seen.has(w.date)) continue;
      seen.add(w.date);
      await this.#tables.holidays.add([w.date, w.note, w.note, 'makeup_workday', 1]);
    }
  }

  /** Writes every buffered row. */
  async flush(): Promise<void> {
    for (const table of Object.values(this.#tables)) await table.flush();
  }
}
