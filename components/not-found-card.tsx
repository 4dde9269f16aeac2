import Link from "next/link";

export function NotFoundCard() {
  return (
    <div className="card mx-auto mt-16 max-w-md p-8 text-center">
      <h1 className="text-xl font-semibold">Page not found</h1>
      <p className="mt-2 text-sm text-slate-500">It does not exist, or it is not yours to see.</p>
      <Link href="/" className="btn mt-6">
        Back to overview
      </Link>
    </div>
  );
}
