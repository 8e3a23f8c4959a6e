import { describe, expect, it } from 'vitest';
import { activeFilterCount, filtersFromSearch, overviewQuery, overviewSearch, searchFromFilters } from './overview-search';

describe('the overview filters in the address', () => {
  it('when the address names several values of a filter, then the form gets them as lists and the API as arrays', () => {
    const search = overviewSearch.parse({ status: 'approved,in-progress', space: 'STGT08', mySpaces: true, trafficLight: 'red', page: '3' });
    expect(filtersFromSearch(search)).toEqual({
      spaces: ['STGT08'],
      mySpaces: true,
      departments: [],
      statuses: ['approved', 'in-progress'],
      trafficLights: ['red'],
      targetGroups: [],
      cycle: '',
    });
    expect(overviewQuery(search)).toEqual({ space: ['STGT08'], mySpaces: true, status: ['approved', 'in-progress'], trafficLight: ['red'] });
    expect(search.page).toBe(3);
    expect(activeFilterCount(search)).toBe(4);
  });

  it('when the address carries values that cannot be right, then they are dropped instead of failing the page', () => {
    const search = overviewSearch.parse({ status: 'in-progress,exploded', trafficLight: 'blue', targetGroup: 'old,,old', department: 'Soziales!', cycle: '../etc', sort: 'colour', page: -2 });
    expect(search).toEqual({ status: 'in-progress', trafficLight: undefined, targetGroup: 'old', department: undefined, cycle: undefined, sort: undefined, page: 1, space: undefined, mySpaces: undefined });
    expect(overviewQuery(search)).toEqual({ status: ['in-progress'], targetGroup: ['old'] });
  });

  it('when the form applies filters, then empty ones leave the address, the sort stays and the list starts on page 1', () => {
    const filters = { spaces: [], mySpaces: false, departments: ['jugend', 'soziales'], statuses: [], trafficLights: ['yellow' as const, 'red' as const], targetGroups: [], cycle: 'cycle-STGT08-1' };
    const search = searchFromFilters(filters, '-planned');
    expect(search).toEqual({ space: undefined, mySpaces: undefined, department: 'jugend,soziales', status: undefined, trafficLight: 'yellow,red', targetGroup: undefined, cycle: 'cycle-STGT08-1', sort: '-planned', page: 1 });
    expect(filtersFromSearch(overviewSearch.parse(search))).toEqual(filters);
  });

  it('when nothing is filtered, then the API is asked without filters', () => {
    expect(overviewQuery(overviewSearch.parse({}))).toEqual({});
  });
});
