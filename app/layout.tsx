import type { Metadata } from "next";
import { Toaster } from "sonner";
// Sonner injects its styles with a <style> element the Content-Security-Policy refuses (no
// nonce): the same rules as a stylesheet of our own bundle ('self') style the toasts instead.
import "sonner/dist/styles.css";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Courier Console", template: "%s · Courier Console" },
  description: "API credentials for your courier company and its customers.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        {children}
        {/* One live region for every action's confirmation or failure (sonner announces it politely). */}
        <Toaster position="bottom-right" richColors closeButton />
      </body>
    </html>
  );
}
