import { describe, expect, it } from 'vitest';
import type { MethodVersion } from './data-queries';
import { definitionOf, formFromTemplate, methodForm } from './method-form';

const template: MethodVersion = {
  key: 'flensburg-sozialindex',
  version: '2022.1',
  active: true,
  createdBy: 'planer',
  createdAt: '2026-11-01T10:00:00Z',
  definition: {
    key: 'flensburg-sozialindex',
    version: '2022.1',
    description: 'Status und Dynamik',
    spaceType: 'social-space',
    populationIndicatorKey: 'einwohner',
    statusIndicators: [
      { indicatorKey: 'alq', weight: 2, polarity: 'higher-is-worse' },
      { indicatorKey: 'sgb2_quote', weight: 1, polarity: 'higher-is-worse' },
    ],
    dynamicsIndicators: [{ indicatorKey: 'alq', weight: 1, polarity: 'higher-is-worse' }],
    dynamicsSource: 'difference',
    dynamicsPeriodYears: 2,
    statusCutoffs: { high: -1, mediumUpper: 1, lowUpper: 1.5 },
    dynamicsCutoffs: { positive: -1, negative: 1 },
    minPopulation: 300,
    standardDeviation: 'sample',
  },
};

describe('a new method version from a template', () => {
  it('starts from the template with the version left to name', () => {
    const values = formFromTemplate(template);
    expect(values).toMatchObject({ key: 'flensburg-sozialindex', version: '', statusIndicators: ['alq', 'sgb2_quote'], dynamicsPeriodYears: '2', minPopulation: '300' });
    expect(methodForm.safeParse(values).success).toBe(false);
    expect(methodForm.safeParse({ ...values, version: '2024.1' }).success).toBe(true);
  });

  it('keeps the template\'s weights, cut-offs and space type, and gives a newly chosen indicator weight 1 (its polarity comes from the catalogue)', () => {
    const values = { ...formFromTemplate(template), version: '2024.1', statusIndicators: ['alq', 'kinderarmut'], minPopulation: '500' };
    const definition = definitionOf(values, template);
    expect(definition.statusIndicators).toEqual([{ indicatorKey: 'alq', weight: 2, polarity: 'higher-is-worse' }, { indicatorKey: 'kinderarmut', weight: 1 }]);
    expect(definition).toMatchObject({ key: 'flensburg-sozialindex', version: '2024.1', minPopulation: 500, spaceType: 'social-space', populationIndicatorKey: 'einwohner', statusCutoffs: template.definition.statusCutoffs });
  });

  it('refuses what the service would refuse, in German', () => {
    const values = { ...formFromTemplate(template), key: 'Flensburg Index', version: '2024.1', statusIndicators: [], dynamicsPeriodYears: '0' };
    const result = methodForm.safeParse(values);
    expect(result.success).toBe(false);
    const messages = result.success ? {} : result.error.flatten().fieldErrors;
    expect(messages.key?.[0]).toMatch(/Kleinbuchstaben/);
    expect(messages.statusIndicators?.[0]).toBe('Bitte wählen Sie mindestens einen Statusindikator.');
    expect(messages.dynamicsPeriodYears?.[0]).toBe('Eine ganze Zahl von 1 bis 20.');
  });
});
