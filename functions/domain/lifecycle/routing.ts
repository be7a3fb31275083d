import { type Catalog, findArea, findCategory } from '../reference/catalog.js';
import { DISTRICT_TEAM_ID } from '../reference/district.js';

/**
 * Routing (分派): (area, category) → office. A rule for the exact category wins over the area's
 * catch-all rule; with no rule the area's default office takes the case, and for an unknown area the
 * district inspection team (督查组).
 */
export function routeCase(catalog: Catalog, area: string, category: string) {
  const rules = catalog.routingRules.filter((r) => r.area === area);
  const rule = rules.find((r) => r.category === category) ?? rules.find((r) => r.category === undefined);
  const districtTeam = catalog.offices.find((o) => o.isDistrictTeam)?.id ?? DISTRICT_TEAM_ID;
  return {
    officeId: rule?.officeId ?? findArea(catalog, area)?.officeId ?? districtTeam,
    matchedRule: rule !== undefined,
    coHandling: findCategory(catalog, category)?.coHandling,
  };
}
