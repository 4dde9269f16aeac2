import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentMember } from "@/lib/auth/member";
import { safeRedirectPath } from "@/lib/auth/redirect";
import { SignInForm } from "@/components/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[] }> }) {
  const { callbackUrl } = await searchParams;
  // Only same-site paths (lib/auth/redirect.ts): anything else would make this an open redirect.
  const next = safeRedirectPath(callbackUrl) ?? "/";
  if (await currentMember()) redirect(next);
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-semibold">Courier Console</h1>
        <p className="mt-1 text-sm text-slate-500">Sign in to manage API access.</p>
        <SignInForm callbackUrl={next} />
      </div>
    </main>
  );
}
