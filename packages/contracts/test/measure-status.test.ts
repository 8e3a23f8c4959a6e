import { allFinished, allowedTransitions, checkTransition, isDecision, MEASURE_STATUSES, nextStatusToward } from '../src/measure-status';

describe('the status machine', () => {
  test('when a status is asked for its next statuses, then only the issue’s transitions exist', () => {
    expect(Object.fromEntries(MEASURE_STATUSES.map((s) => [s, allowedTransitions(s)]))).toEqual({
      proposed: ['approved', 'rejected', 'returned'],
      approved: ['in-progress'],
      rejected: [],
      returned: ['proposed'],
      'in-progress': ['completed', 'paused', 'cancelled'],
      paused: ['in-progress'],
      completed: [],
      cancelled: [],
    });
  });

  test('when a transition is not in the machine, then the verdict lists the allowed ones', () => {
    expect(checkTransition('approved', 'completed', undefined)).toEqual({ ok: false, problem: 'forbidden', allowed: ['in-progress'] });
    expect(checkTransition('completed', 'in-progress', 'again')).toEqual({ ok: false, problem: 'forbidden', allowed: [] });
    expect(checkTransition('paused', 'paused', 'still')).toMatchObject({ ok: false, problem: 'forbidden' });
  });

  test('when rejecting, returning, pausing or cancelling, then a reason that is not blank is required', () => {
    expect(checkTransition('proposed', 'rejected', ' ')).toEqual({ ok: false, problem: 'reason-required' });
    expect(checkTransition('proposed', 'returned', undefined)).toEqual({ ok: false, problem: 'reason-required' });
    expect(checkTransition('in-progress', 'paused', '')).toEqual({ ok: false, problem: 'reason-required' });
    expect(checkTransition('in-progress', 'cancelled', 'Träger insolvent')).toEqual({ ok: true });
    expect(checkTransition('proposed', 'approved', undefined)).toEqual({ ok: true });
    expect(checkTransition('in-progress', 'completed', undefined)).toEqual({ ok: true });
  });

  test('when deciding whether a transition is a decision, then only changes from proposed are', () => {
    expect(MEASURE_STATUSES.filter(isDecision)).toEqual(['proposed']);
  });

  test('when a cycle’s measures are all completed, cancelled or rejected, then it is finished; without measures, it is not', () => {
    expect(allFinished(['completed', 'cancelled', 'rejected'])).toBe(true);
    expect(allFinished(['completed', 'paused'])).toBe(false);
    expect(allFinished(['completed', 'returned'])).toBe(false);
    expect(allFinished([])).toBe(false);
  });

  test('when a way is asked for its next step, then it follows the transitions, takes only its decision and never re-proposes', () => {
    expect(nextStatusToward('proposed', 'in-progress', 'approved')).toBe('approved');
    expect(nextStatusToward('approved', 'in-progress', 'approved')).toBe('in-progress');
    expect(nextStatusToward('paused', 'completed')).toBe('in-progress');
    expect(nextStatusToward('in-progress', 'completed')).toBe('completed');
    expect(nextStatusToward('proposed', 'rejected', 'rejected')).toBe('rejected');
    expect(nextStatusToward('proposed', 'in-progress')).toBeUndefined();
    expect(nextStatusToward('proposed', 'rejected', 'approved')).toBeUndefined();
    expect(nextStatusToward('returned', 'in-progress', 'approved')).toBeUndefined();
    expect(nextStatusToward('rejected', 'completed')).toBeUndefined();
    expect(nextStatusToward('approved', 'rejected', 'rejected')).toBeUndefined();
  });
});
