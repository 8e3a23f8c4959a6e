import type { Principal } from '@sozialraum/kit';
import { mayChange, mayDecide, mayManageOffer, mayRead, mayReadAudit, mayTransition, readScope } from '../../src/domain/access';

const person = (roles: string[], groups: Partial<Pick<Principal, 'departments' | 'spaces'>> = {}): Principal => ({
  id: 'x',
  name: 'x',
  roles,
  departments: groups.departments ?? [],
  committees: [],
  spaces: groups.spaces ?? [],
});
const soziales = person(['department-staff'], { departments: ['soziales'] });
const planer = person(['planner']);
const koordination = person(['coordinator'], { spaces: ['STGT01'] });
const lenkung = person(['steering-committee']);
const gast = person(['viewer'], { departments: ['soziales'] });
/** The strategy cycle's activities in this service (CYCLE_ACTOR): `service` and `cycle-activities`, no groups. */
const workflows = person(['service', 'cycle-activities']);
/** The measures service's own account (client svc-measures) reads monitoring only: no measures of its own. */
const measuresService = person(['service']);

describe('who may do what', () => {
  test('when reading, then department staff are scoped to their departments, viewers to none, the rest see all', () => {
    expect(readScope(soziales)).toEqual(['soziales']);
    expect(readScope(gast)).toEqual([]);
    for (const p of [planer, koordination, lenkung]) expect(readScope(p)).toBe('all');
    expect(mayRead(soziales, 'jugend')).toBe(false);
  });

  test('when changing, then planners change every department’s measures, staff their own, coordinators and the committee none', () => {
    expect(mayChange(planer, 'jugend')).toBe(true);
    expect(mayChange(soziales, 'soziales')).toBe(true);
    expect(mayChange(soziales, 'jugend')).toBe(false);
    expect(mayChange(koordination, 'soziales')).toBe(false);
    expect(mayChange(lenkung, 'soziales')).toBe(false);
  });

  test('when deciding on a proposal, then planners and the committee may; the work itself is the department’s', () => {
    expect([planer, lenkung, soziales, koordination].map(mayDecide)).toEqual([true, true, false, false]);
    expect(mayTransition(soziales, 'soziales', true)).toBe(false);
    expect(mayTransition(soziales, 'soziales', false)).toBe(true);
    expect(mayTransition(lenkung, 'soziales', false)).toBe(false);
  });

  test('when keeping offers and reading audits, then coordinators act in their spaces, departments read their own trail', () => {
    expect(mayManageOffer(koordination, 'STGT01')).toBe(true);
    expect(mayManageOffer(koordination, 'STGT02')).toBe(false);
    expect(mayManageOffer(planer, 'STGT02')).toBe(true);
    expect(mayReadAudit(soziales, 'soziales')).toBe(true);
    expect(mayReadAudit(soziales, 'jugend')).toBe(false);
    expect(mayReadAudit(koordination, 'soziales')).toBe(false);
  });

  test('when the strategy cycle’s activities act in the service (their own actor), then they propose, decide, report and evaluate for every department', () => {
    for (const department of ['soziales', 'jugend', 'wohnen']) {
      expect([mayRead(workflows, department), mayChange(workflows, department), mayTransition(workflows, department, true), mayTransition(workflows, department, false)]).toEqual([true, true, true, true]);
    }
    expect(mayDecide(workflows)).toBe(true);
    expect(mayReadAudit(workflows, 'soziales')).toBe(false);
  });

  test('when another service acts with its own token (role service only), then it reads, changes and decides no measure', () => {
    expect([readScope(measuresService), mayChange(measuresService, 'soziales'), mayDecide(measuresService)]).toEqual([[], false, false]);
  });
});
