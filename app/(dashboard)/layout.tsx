import { dashboardEnvironment } from "@/lib/auth/environment";
import { requireMember } from "@/lib/auth/member";
import { isDatabaseUnavailable } from "@/lib/db/errors";
import { DatabaseUnavailable } from "./database-unavailable";
import { EnvironmentSwitch } from "@/components/environment-switch";
import { switchEnvironment } from "./_environment/actions";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { NavLink } from "@/components/nav-link";
import { SignOutButton } from "@/components/sign-out-button";

export const dynamic = "force-dynamic";

const NAV = [
  { href: "/", label: "Overview" },
  { href: "/customers", label: "Customers" },
  { href: "/shipments", label: "Shipments" },
  { href: "/settings/api", label: "API / Web Services" },
  { href: "/activity", label: "Activity log" },
  { href: "/services", label: "Services & Pricing" },
  { href: "/developers", label: "Endpoint reference" },
  { href: "/team", label: "Team" },
  { href: "/account", label: "Account" },
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
    // Below md the sidebar becomes a top bar (tenant, a scrolling row of links, the member).
    <div className="flex min-h-screen flex-col md:flex-row">
      <aside className="flex shrink-0 flex-col border-b border-slate-200 bg-white md:w-60 md:border-r md:border-b-0">
        <div className="border-b border-slate-200 px-5 py-3 md:py-4">
          <p className="text-xs font-medium tracking-wide text-indigo-600 uppercase">Courier Console</p>
          <p className="mt-0.5 truncate font-semibold" title={member.tenant.name}>
            {member.tenant.name}
          </p>
        </div>
        <nav aria-label="Main" className="flex gap-1 overflow-x-auto p-2 md:flex-1 md:flex-col md:p-3">
          {NAV.map((item) => (
            <NavLink key={item.href} href={item.href}>
              {item.label}
            </NavLink>
          ))}
        </nav>
        <div className="flex items-center gap-3 border-t border-slate-200 px-4 py-2 text-sm md:block md:space-y-2 md:py-4">
          <p className="min-w-0 flex-1 truncate font-medium" title={member.email}>
            {member.email}
          </p>
          <p className="text-slate-500">{ROLE_LABELS[member.role]}</p>
          <div className="shrink-0">
            <SignOutButton />
          </div>
        </div>
      </aside>
      <div className={`min-w-0 flex-1 ${test ? "border-t-4 border-amber-500" : ""}`}>
        {test && (
          <p role="status" className="bg-amber-100 px-4 py-1.5 md:px-8 text-center text-sm font-medium text-amber-900">
            Test mode: you are viewing test tokens, test activity and test data. Live integrations are not shown.
          </p>
        )}
        <header className="flex items-center justify-end gap-3 border-b border-slate-200 bg-white px-4 py-2 md:px-8">
          <span className="hidden text-sm text-slate-500 sm:inline">{test ? "Viewing test data" : "Viewing live data"}</span>
          <EnvironmentSwitch mode={test ? "test" : "live"} action={switchEnvironment} />
        </header>
        <main className="px-4 py-6 md:px-8 md:py-8">{children}</main>
      </div>
    </div>
  );
}
