// Navigation by role: what each role sees in the shell. Pages check access again themselves.
import type { Role } from "@/lib/generated/prisma/enums";

export interface NavItem {
  href: string;
  label: string;
  roles: readonly Role[];
}

export const NAV_ITEMS: readonly NavItem[] = [
  { href: "/home", label: "Home", roles: ["REP", "MANAGER", "EXECUTIVE", "ADMIN"] },
  { href: "/inspection", label: "Inspection", roles: ["REP", "MANAGER", "EXECUTIVE", "ADMIN"] },
  { href: "/flow", label: "Pipeline flow", roles: ["REP", "MANAGER", "EXECUTIVE", "ADMIN"] },
  { href: "/deals", label: "Deals", roles: ["REP", "MANAGER", "EXECUTIVE", "ADMIN"] },
  { href: "/leads", label: "Leads", roles: ["REP", "MANAGER", "ADMIN"] },
  { href: "/coaching", label: "Coaching", roles: ["REP", "MANAGER", "EXECUTIVE", "ADMIN"] },
  { href: "/rhythm", label: "Weekly rhythm", roles: ["MANAGER", "EXECUTIVE", "ADMIN"] },
  { href: "/forecast", label: "Forecast", roles: ["REP", "MANAGER"] },
  { href: "/quarterly", label: "Quarterly review", roles: ["MANAGER", "EXECUTIVE", "ADMIN"] },
  { href: "/self-assessment", label: "Self-assessment", roles: ["MANAGER", "EXECUTIVE"] },
  { href: "/targets", label: "Targets", roles: ["REP", "MANAGER", "EXECUTIVE", "ADMIN"] },
  { href: "/import", label: "Import", roles: ["MANAGER", "ADMIN"] },
  { href: "/admin", label: "Admin", roles: ["ADMIN"] },
];

export function navFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => item.roles.includes(role));
}

/** Where each role lands after signing in: its own first page (app/(app)/home/page.tsx picks it by role). */
export function homeFor(role: Role): string {
  void role;
  return "/home";
}
