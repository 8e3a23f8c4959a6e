import { forms, type TaskType } from '@sozialraum/contracts/browser';
import { act, render, screen, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import type { ComponentType } from 'react';
import { expect, it, vi } from 'vitest';
import { ApiError } from '../../../api/problem';
import type { CycleDetail, Task } from '../task-queries';
import type { TaskFormProps } from './task-form-props';

/** What component tests of the task forms share: a task as the API sends it, rendering, refusals. */

export function makeTask(type: TaskType, context: Record<string, unknown> = {}, more: Partial<Task> = {}): Task {
  return {
    id: `cycle-STGT99-1/${type}-1`,
    cycleId: 'cycle-STGT99-1',
    key: `${type}-1`,
    type,
    label: type,
    phase: 'analysis',
    spaceCode: 'STGT99',
    candidateGroups: ['role:planner'],
    department: null,
    measureIds: [],
    assignee: null,
    status: 'open',
    priority: 2,
    createdAt: '2026-11-02T08:00:00Z',
    dueAt: '2026-11-16T08:00:00Z',
    followUpAt: null,
    escalationLevel: 0,
    context,
    result: null,
    completedBy: null,
    completedAt: null,
    ...more,
  };
}

export function makeCycle(more: Partial<CycleDetail> = {}): CycleDetail {
  return {
    phases: [],
    evidence: null,
    reflection: null,
    participation: [],
    goals: [],
    needs: [],
    proposals: [],
    decisions: [],
    openTasks: [],
    ...more,
  } as unknown as CycleDetail;
}

export function renderForm(Form: ComponentType<TaskFormProps>, props: { task: Task; cycle?: CycleDetail; complete?: TaskFormProps['complete'] }) {
  const complete = vi.fn(props.complete ?? (async () => ({})));
  const user = userEvent.setup();
  const view = render(<Form task={props.task} cycle={props.cycle} complete={complete} />);
  return { ...view, user, complete };
}

export const submit = (user: UserEvent, label = 'Abschließen') => user.click(screen.getByRole('button', { name: label }));

/** Words of the API's English messages that must never reach a person. */
export const ENGLISH = /\b(Required|Expected|Invalid|must|String|Array|Number|received|character)\b/;

/** The 409 the server answers when someone else completed the task first. */
export const taskNotOpen = () =>
  new ApiError(409, { type: 'https://sozialraum.example/problems/task-not-open', title: 'Conflict', status: 409, detail: 'Task x is not open: it is completed.' });

/** A 422 with one field problem, as the workflow's refusal carries it. */
export const refusedField = (pointer: string, detail: string, slug = 'phase-rule-violated') =>
  new ApiError(422, { type: `https://sozialraum.example/problems/${slug}`, title: 'Unprocessable Content', status: 422, detail: `refused: ${detail}`, errors: [{ pointer, detail }] });

/** Every control's value (and checked state), to prove a refusal loses nothing typed. */
export function controlValues(container: HTMLElement): string[] {
  return [...container.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>('input, textarea, select')].map((el) =>
    el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio') ? `${el.id}:${el.checked}` : `${el.id}=${el.value}`,
  );
}

/**
 * The German message at a control or a group of radios or checkboxes (tied to it by aria-describedby), or
 * inside a part of the form that has no description of its own (a list's own error).
 */
export function expectMessageAt(element: HTMLElement, message: string | RegExp): void {
  if (element.hasAttribute('aria-describedby')) expect(element).toHaveAccessibleDescription(message instanceof RegExp ? message : expect.stringContaining(message));
  else expect(element).toHaveTextContent(message);
}

export interface FormContract<T extends TaskType> {
  type: T;
  Form: ComponentType<TaskFormProps>;
  task: Task;
  cycle?: CycleDetail;
  /** Where the empty form says what is missing, and what it says. */
  emptyMessages: Array<[() => HTMLElement, string | RegExp]>;
  /** Fills the form validly. */
  fill: (user: UserEvent) => Promise<void>;
  /** What that fill sends. */
  result: unknown;
  /** A field problem the server may answer with, and the German message the form shows at the control. */
  serverProblem: { pointer: string; detail: string; at: () => HTMLElement; message: string | RegExp };
  submitLabel?: string;
}

/** The four promises every task form keeps; each form's test file adds its own. */
export function keepsTheFormContract<T extends TaskType>(spec: FormContract<T>): void {
  const label = spec.submitLabel ?? 'Abschließen';

  if (spec.emptyMessages.length) {
    it('when it is submitted empty, then German messages stand at the fields and nothing is sent', async () => {
      const { user, complete, container } = renderForm(spec.Form, spec);
      await submit(user, label);
      expect(await screen.findByRole('alert')).toHaveTextContent('Bitte prüfen Sie Ihre Eingaben');
      for (const [at, message] of spec.emptyMessages) expectMessageAt(at(), message);
      expect(container.textContent).not.toMatch(ENGLISH);
      expect(complete).not.toHaveBeenCalled();
    });
  } else {
    it('when it is submitted empty, then it is sent as it is (nothing in it is required)', async () => {
      const { user, complete } = renderForm(spec.Form, spec);
      await submit(user, label);
      await vi.waitFor(() => expect(complete).toHaveBeenCalledTimes(1));
      expect(() => forms[spec.type].parse(complete.mock.calls[0]![0])).not.toThrow();
    });
  }

  it('when it is filled in validly, then complete gets a result the contracts’ schema accepts', async () => {
    const { user, complete } = renderForm(spec.Form, spec);
    await spec.fill(user);
    await submit(user, label);
    await vi.waitFor(() => expect(complete).toHaveBeenCalledTimes(1));
    const sent = complete.mock.calls[0]![0];
    // What the schema leaves out never reaches complete: the form sends what its resolver parsed.
    expect(sent).toMatchObject(spec.result as object);
    expect(forms[spec.type].parse(sent)).toEqual(sent);
  });

  it('when the server refuses a field, then the German message stands there and everything typed is kept', async () => {
    const { user, complete, container } = renderForm(spec.Form, { ...spec, complete: async () => Promise.reject(refusedField(spec.serverProblem.pointer, spec.serverProblem.detail)) });
    await spec.fill(user);
    const typed = controlValues(container);
    await submit(user, label);
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByTestId('fehlermeldung')).toHaveTextContent(/Phase des Strategiezyklus|nicht möglich|Eingaben/);
    expectMessageAt(spec.serverProblem.at(), spec.serverProblem.message);
    expect(controlValues(container)).toEqual(typed);
    expect(complete).toHaveBeenCalledTimes(1);
  });

  it('when the task was completed meanwhile (409), then it says so in German, keeps the input, and may be sent again', async () => {
    const { user, complete, container } = renderForm(spec.Form, { ...spec, complete: async () => Promise.reject(taskNotOpen()) });
    await spec.fill(user);
    const typed = controlValues(container);
    await submit(user, label);
    expect(await screen.findByTestId('fehlermeldung')).toHaveTextContent('Diese Aufgabe ist bereits erledigt oder entfallen.');
    expect(controlValues(container)).toEqual(typed);
    await submit(user, label);
    await vi.waitFor(() => expect(complete).toHaveBeenCalledTimes(2));
  });

  it('when “Abschließen” is double-clicked, then complete is called once', async () => {
    let finish: () => void = () => undefined;
    const { user, complete } = renderForm(spec.Form, { ...spec, complete: () => new Promise<void>((resolve) => (finish = resolve)) });
    await spec.fill(user);
    await user.dblClick(screen.getByRole('button', { name: label }));
    await vi.waitFor(() => expect(complete).toHaveBeenCalledTimes(1));
    expect(screen.getByRole('button', { name: 'Wird abgeschlossen …' })).toBeDisabled();
    await act(async () => finish());
    expect(complete).toHaveBeenCalledTimes(1);
  });
}
