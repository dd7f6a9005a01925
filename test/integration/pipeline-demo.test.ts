import { expect, it } from 'vitest';
import { systemActor } from '../../src/server/access/actor.ts';
import { computeAlerts, listAlerts } from '../../src/server/modules/alerts/alerts.service.ts';
import type { AlertsPage } from '../../src/shared/answers.ts';
import { pipelineReport } from '../../src/server/modules/reports/pipeline.report.ts';
import { findOrganizationByCode } from '../../src/server/modules/organizations/organizations.repository.ts';
import { ALERT_KINDS } from '../../src/shared/pipeline.ts';
import { describeEachDialect } from '../support/dialects.ts';
import { useDemoApp } from '../support/demo.ts';

const actor = systemActor('test');

describeEachDialect('the demo has a living pipeline', (dialect) => {
  const demo = useDemoApp(dialect);

  it('alerts --as-of 2026-11-27 lists alerts of every kind', async () => {
    const alerts = await listAlerts(demo.ctx, actor, { asOf: '2026-11-27' });
    expect(new Set(alerts.map((a) => a.kind))).toEqual(new Set(ALERT_KINDS));
    const overdue = alerts.filter((a) => a.kind.endsWith('_overdue'));
    expect(overdue.every((a) => a.daysOverdue > 0)).toBe(true);
    const ending = alerts.filter((a) => a.kind === 'probation_ending');
    expect(ending.every((a) => a.daysOverdue <= 0 && a.daysOverdue >= -30)).toBe(true);
  });

  it('the indexed path and the history path give the same alerts today', async () => {
    const root = await findOrganizationByCode(demo.ctx.db, 'DB');
    if (!root) throw new Error('no DB');
    const fast = await computeAlerts(demo.ctx.db, root.id, '2026-11-27', '2026-11-27');
    const slow = await computeAlerts(demo.ctx.db, root.id, '2026-11-27', '2026-11-27', {
      history: true,
    });
    expect(slow).toEqual(fast);
  });

  it('alerts of a past date use the stage the candidate was in then', async () => {
    const alerts = await listAlerts(demo.ctx, actor, { org: 'DBD', asOf: '2017-06-30' });
    expect(alerts.length).toBeGreaterThan(0);
    expect(alerts.every((a) => a.dueOn <= '2017-09-28')).toBe(true);
  });

  it('GET /api/v1/alerts answers the same list for a commune, a page at a time', async () => {
    const all = await listAlerts(demo.ctx, actor, { org: 'X-DBD' });
    const response = await demo.app.inject({ method: 'GET', url: '/api/v1/alerts?org=X-DBD' });
    expect(response.statusCode).toBe(200);
    const page = response.json<AlertsPage>();
    expect(page).toMatchObject({ total: all.length, limit: 100, offset: 0 });
    expect(page.items).toEqual(all.slice(0, 100));
    expect(Object.values(page.byKind).reduce((s, n) => s + n, 0)).toBe(all.length);
    expect(page.byKind.decision_overdue).toBe(
      all.filter((a) => a.kind === 'decision_overdue').length,
    );
    const second = (
      await demo.app.inject({ method: 'GET', url: '/api/v1/alerts?org=X-DBD&limit=3&offset=3' })
    ).json<AlertsPage>();
    expect(second.items).toEqual(all.slice(3, 6));
    expect(second.total).toBe(all.length);
    const tooMany = await demo.app.inject({ method: 'GET', url: '/api/v1/alerts?limit=5000' });
    expect(tooMany.statusCode).toBe(400);
  });

  it('open candidates at every stage in the new communes; the pipeline report counts them', async () => {
    const report = await pipelineReport(demo.ctx, actor, {});
    for (const stage of Object.keys(report.byStage))
      expect(report.byStage[stage], stage).toBeGreaterThan(0);
    expect(report.byOrganization.map((o) => o.code)).toContain('X-DBD');
    expect(report.byOrganization.reduce((s, o) => s + o.total, 0)).toBe(report.total);
    expect(report.medianDaysInStage.dossier).toBeGreaterThan(0);
    expect(report.overdue.decision_overdue).toBeGreaterThan(0);
    const http = await demo.app.inject({ method: 'GET', url: '/api/v1/reports/pipeline' });
    expect(http.statusCode).toBe(200);
    expect(http.json<{ total: number }>().total).toBe(report.total);
  });

  it('a candidate dossier shows its checks, deadlines and allowed next steps', async () => {
    const list = (
      await demo.app.inject({ method: 'GET', url: '/api/v1/candidates?stage=decided' })
    ).json<{ items: { id: number }[]; byStage: Record<string, number> }>();
    const first = list.items[0];
    if (!first) throw new Error('no candidate at decided');
    const detail = (
      await demo.app.inject({ method: 'GET', url: `/api/v1/candidates/${first.id}` })
    ).json<{
      allowedTransitions: string[];
      deadlines: { kind: string }[];
      checks: { to: string }[];
    }>();
    expect(detail.allowedTransitions).toEqual(['admitted', 'withdrawn', 'rejected']);
    expect(detail.deadlines.map((d) => d.kind)).toEqual(['ceremony_due']);
    expect(detail.checks.some((c) => c.to === 'admitted')).toBe(true);
  });
});
