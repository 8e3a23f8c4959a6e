import type { TaskType } from '@sozialraum/contracts/browser';
import type { ComponentType } from 'react';
import { AcknowledgeReportForm } from './AcknowledgeReportForm';
import { DecidePackageForm } from './DecidePackageForm';
import { DocumentParticipationForm } from './DocumentParticipationForm';
import { EvaluateMeasureForm } from './EvaluateMeasureForm';
import { ProposeMeasuresForm } from './ProposeMeasuresForm';
import { ReflectCycleForm } from './ReflectCycleForm';
import { ReportStatusForm } from './ReportStatusForm';
import { ReviewAnalysisForm } from './ReviewAnalysisForm';
import { ReviewGoalsForm } from './ReviewGoalsForm';
import { SetGoalsForm } from './SetGoalsForm';
import type { TaskFormProps } from './task-form-props';

/** The form of each task type: a new task type without a form does not compile. */
export const TASK_FORMS: Record<TaskType, ComponentType<TaskFormProps>> = {
  'review-analysis': ReviewAnalysisForm,
  'document-participation': DocumentParticipationForm,
  'set-goals': SetGoalsForm,
  'review-goals': ReviewGoalsForm,
  'propose-measures': ProposeMeasuresForm,
  'decide-package': DecidePackageForm,
  'report-status': ReportStatusForm,
  'evaluate-measure': EvaluateMeasureForm,
  'reflect-cycle': ReflectCycleForm,
  'acknowledge-report': AcknowledgeReportForm,
};
