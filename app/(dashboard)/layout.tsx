import { BookOpen, Building2, KeyRound, LayoutDashboard, Package, ScrollText, Tags, UserCog, Users, type LucideIcon } from "lucide-react";
import { dashboardEnvironment } from "@/lib/auth/environment";
import { requireMember } from "@/lib/auth/member";
import { isDatabaseUnavailable } from "@/lib/db/errors";
import { DatabaseUnavailable } from "./database-unavailable";
import { EnvironmentSwitch } from "@/components/environment-switch";
import { switchEnvironment } from "./_environment/actions";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { LogoMark } from "@/components/logo";
import { NavLink } from "@/components/nav-link";
import { Sidebar } from "@/components/sidebar";
import { SignOutButton } from "@/components/sign-out-button";

export const dynamic = "force-dynamic";

/** The main navigation, in order; a new page appends an entry (the icon is optional, from lucide-react). */
const NAV: { href: string; label: string; icon?: LucideIcon }[] = [
  { href: "/", label: "Overview", icon: LayoutDashboard },
  { href: "/customers", label: "Customers", icon: Building2 },
  { href: "/shipments", label: "Shipments", icon: Package },
  { href: "/settings/api", label: "API / Web Services", icon: KeyRound },
  { href: "/activity", label: "Activity log", icon: ScrollText },
  { href: "/services", label: "Services & Pricing", icon: Tags },
  { href: "/developers", label: "Endpoint reference", icon: BookOpen },
  { href: "/team", label: "Team", icon: Users },
  { href: "/account", label: "Account", icon: UserCog },
];

/** The member and their Test / Live switch; null while the database cannot be reached. */
async function memberAndEnvironment() {
  try {
    const member = await requireMember();
    return { member, environment: await dashboardEnvironment(member) };
  } catch (error) {
    if (isDatabaseUnavailable(error)) return null;
    throw error; // the redirect to sign-in, or a real failure
  }
}

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const signedIn = await memberAndEnvironment();
  // This layout sits above the pages' error boundary: without the member there is no shell to show.
  if (!signedIn) {
    return (
      <main className="px-4 py-6">
        <DatabaseUnavailable />
      </main>
    );
  }
  const { member, environment } = signedIn;
  const test = environment === "TEST";
  return (
    // Below md the sidebar is a top bar whose menu button folds the navigation open.
    <div className="flex min-h-screen flex-col md:flex-row">
      <Sidebar
        header={
          <div className="flex items-center gap-2.5">
            <LogoMark className="size-8 shrink-0" />
            <div className="min-w-0 leading-tight">
              <p className="text-xs font-medium text-slate-500">Courier Console</p>
              <p className="truncate text-sm font-semibold" title={member.tenant.name}>
                {member.tenant.name}
              </p>
            </div>
          </div>
        }
      >
        <nav aria-label="Main" className="flex flex-1 flex-col gap-0.5 overflow-y-auto p-3">
          {NAV.map(({ href, label, icon: Icon }) => (
            <NavLink key={href} href={href} icon={Icon && <Icon aria-hidden="true" className="size-4" />}>
              {label}
            </NavLink>
          ))}
        </nav>
        <div className="space-y-2 border-t border-slate-200 p-4 text-sm">
          <div className="min-w-0">
            <p className="truncate font-medium" title={member.email}>
              {member.email}
            </p>
            <p className="text-xs text-slate-500">{ROLE_LABELS[member.role]}</p>
          </div>
          <SignOutButton />
        </div>
      </Sidebar>
      <div className={`min-w-0 flex-1 ${test ? "border-t-4 border-amber-500" : ""}`}>
        {test && (
          <p role="status" className="bg-amber-100 px-4 py-1.5 text-center text-sm font-medium text-amber-900 md:px-8">
            Test mode: you are viewing test tokens, test activity and test data. Live integrations are not shown.
          </p>
        )}
        <header className="flex items-center justify-end gap-3 border-b border-slate-200 bg-white px-4 py-2 md:h-16 md:px-8">
          <span className="hidden text-sm text-slate-500 sm:inline">{test ? "Viewing test data" : "Viewing live data"}</span>
          <EnvironmentSwitch mode={test ? "test" : "live"} action={switchEnvironment} />
        </header>
        <main className="mx-auto max-w-7xl px-4 py-6 md:px-8 md:py-8">{children}</main>
      </div>
    </div>
  );
}
