// Opens and migrates the database when the server starts, so a broken database or an
// edited migration stops the app before it serves, not at the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { database } = await import("@/lib/db");
  await database();
}
