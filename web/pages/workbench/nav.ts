import type { Principal } from '../../../functions/domain/staff.js';
import type { Messages } from '../../i18n/index.js';
import type { NavItem } from '../../layout.js';
import { staffNav } from '../../render.js';

/** Staff navigation plus the workbench entries this role uses. */
export function workbenchNav(t: Messages, who: Principal): NavItem[] {
  const base = staffNav(t, true, who);
  const m = t.workbench.nav;
  const extra: NavItem[] = [];
  if (who.role !== 'admin') extra.push({ href: '/staff/search', label: m.search });
  if (who.role === 'inspector') extra.push({ href: '/staff/inspection', label: m.inspection });
  return [...base, ...extra];
}
