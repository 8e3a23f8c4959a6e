import type { TaskType } from '@sozialraum/contracts/browser';
import type { ComponentType } from 'react';
import { ProposeMeasuresForm } from './ProposeMeasuresForm';
import type { TaskFormProps } from './task-form-props';

/** The form of each task type. */
export const TASK_FORMS: Partial<Record<TaskType, ComponentType<TaskFormProps>>> = {
  'propose-measures': ProposeMeasuresForm,
};
