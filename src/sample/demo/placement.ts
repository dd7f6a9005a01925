import type { Random } from '../random.ts';
import { DEMO_FIGURES } from './figures.ts';
import type { MembershipPlan } from './memberships.ts';
import type { DemoCell, DemoTree } from './tree.ts';

/**
 * Places every planned membership in a cell and a unit so that the article's figures hold:
 * education gets exactly 605 of the members present on 2017-12-31, the seven late villages get
 * their first member among the 2017 admissions, and every other village keeps a member from
 * before 2016-09-30 through 2017.
 */
export function placeMemberships(random: Random, plan: MembershipPlan, tree: DemoTree): void {
  const presentEnd2017 = plan.all.filter(
    (p) => p.periodFrom <= '2017-12-31' && p.endedOn > '2017-12-31',
  );
  pinVillages(random, plan, tree);
  const unplacedEnd2017 = random.shuffle(presentEnd2017.filter((p) => !p.pinned));
  const educationPlans = unplacedEnd2017.slice(0, DEMO_FIGURES.educationMembers);
  const { schoolCells } = tree;
  const weightedSchools = schoolCells.map((c) => ({ cell: c, weight: c.weight }));
  educationPlans.forEach((p, i) => {
    // Round-robin first so that every education cell has members, then by size.
    const cell = i < schoolCells.length ? schoolCells[i] : random.weighted(weightedSchools).cell;
    if (cell) Object.assign(p, { cell, unitId: random.pick(cell.unitIds) });
  });
  const weightedOthers = [...tree.cells, ...tree.bodyCells].map((c) => ({
    cell: c,
    weight: c.weight,
  }));
  const inLateVillage = new Set(tree.lateVillageIds);
  for (const p of plan.all) {
    if (p.cell) continue;
    // Members outside the 2017 snapshot follow the same mix: about one in five in education.
    const presentIn2017 = presentEnd2017.includes(p);
    const cell =
      !presentIn2017 && random.chance(0.2)
        ? random.weighted(weightedSchools).cell
        : random.weighted(weightedOthers).cell;
    const usual = cell.unitIds.filter((u) => !inLateVillage.has(u));
    Object.assign(p, {
      cell,
      unitId:
        cell.sector === 'education' ? random.pick(cell.unitIds) : (usual[0] ?? cell.unitIds[0]),
    });
  }
}

/** The late villages' first members (2017 admissions) and one lasting member in every other village. */
function pinVillages(random: Random, plan: MembershipPlan, tree: DemoTree): void {
  const cellOfVillage = new Map<number, DemoCell>();
  for (const c of tree.cells.filter((c) => c.sector === 'commune'))
    for (const u of c.unitIds) cellOfVillage.set(u, c);
  random.shuffle(plan.admissions2017);
  tree.lateVillageIds.forEach((villageId, i) => {
    const p = plan.admissions2017[i];
    const cell = cellOfVillage.get(villageId);
    if (p && cell) Object.assign(p, { cell, unitId: villageId, pinned: true });
  });
  const survivorPool = random.shuffle([...plan.survivors]);
  let s = 0;
  for (const villageId of tree.allVillageIds) {
    if (tree.lateVillageIds.includes(villageId)) continue;
    const cell = cellOfVillage.get(villageId);
    const p = survivorPool[s++];
    if (p && cell) Object.assign(p, { cell, unitId: villageId, pinned: true });
  }
}
