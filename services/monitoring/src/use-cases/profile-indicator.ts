import type { IndicatorInfoRecord } from '../data/analysis.repository';
import { visible } from './indicator-views';
import type { SectionStatistics } from './peer-statistics';

/** One indicator's points for the space, each compared with every space of its type in that period. */
function indicatorPoints(indicator: IndicatorInfoRecord, sections: readonly SectionStatistics[], code: string) {
  return sections.flatMap(({ period, values, ranking, cityValue }) => {
    const value = values.get(code);
    if (!value) return [];
    const shown = visible(value);
    return [{ period, value, cityMean: ranking.mean, cityValue, rank: ranking.rankOf(shown, indicator.polarity), of: ranking.of, z: ranking.zOf(shown) }];
  });
}

/** An indicator as the space profile shows it (made in the request, or by the profile snapshot job). */
export function profileIndicator(indicator: IndicatorInfoRecord, sections: readonly SectionStatistics[], code: string) {
  return {
    key: indicator.key,
    name: indicator.name,
    unit: indicator.unit,
    kind: indicator.kind,
    polarity: indicator.polarity,
    points: indicatorPoints(indicator, sections, code),
  };
}
