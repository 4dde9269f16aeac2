import { dashboardEnvironment } from "@/lib/auth/environment";
import { requireMember } from "@/lib/auth/member";
import { EnvironmentSwitch } from "@/components/environment-switch";
import { switchEnvironment } from "./_environment/actions";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { NavLink } from "@/components/nav-link";
import { SignOutButton } from "@/components/sign-out-button";

export const dynamic = "force-dynamic";

const NAV = [
  { href: "/", label: "Overview" },
  { href: "/customers", label: "Customers" },
  { href: "/settings/api", label: "API / Web Services" },
  { href: "/activity", label: "Activity log" },
  { href: "/services", label: "Services & Pricing" },
  { href: "/developers", label: "Endpoint reference" },
];

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const member = await requireMember();
  const environment = await dashboardEnvironment(member);
  const test = environment === "TEST";
  return (
    <div className="flex min-h-screen">
      <aside className="flex w-60 shrink-0 flex-col border-r border-slate-200 bg-white">
        <div className="border-b border-slate-200 px-5 py-4">
          <p className="text-xs font-medium tracking-wide text-indigo-600 uppercase">Courier Console</p>
          <p className="mt-0.5 truncate font-semibold" title={member.tenant.name}>
            {member.tenant.name}
          </p>
        </div>
        <nav aria-label="Main" className="flex-1 space-y-1 p-3">
          {NAV.map((item) => (
            <NavLink key={item.href} href={item.href}>
              {item.label}
            </NavLink>
          ))}
        </nav>
        <div className="space-y-2 border-t border-slate-200 p-4 text-sm">
          <p className="truncate font-medium" title={member.email}>
            {member.email}
          </p>
          <p className="text-slate-500">{ROLE_LABELS[member.role]}</p>
          <SignOutButton />
        </div>
      </aside>
      <div className={`min-w-0 flex-1 ${test ? "border-t-4 border-amber-500" : ""}`}>
        {test && (
          <p role="status" className="bg-amber-100 px-8 py-1.5 text-center text-sm font-medium text-amber-900">
            Test mode: you are viewing test tokens, test activity and test data. Live integrations are not shown.
          </p>
        )}
        <header className="flex items-center justify-end gap-3 border-b border-slate-200 bg-white px-8 py-2">
          <span className="text-sm text-slate-500">{test ? "Viewing test data" : "Viewing live data"}</span>
          <EnvironmentSwitch mode={test ? "test" : "live"} action={switchEnvironment} />
        </header>
        <main className="px-8 py-8">{children}</main>
      </div>
    </div>
  );
}
