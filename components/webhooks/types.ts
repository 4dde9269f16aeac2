import type { FormAction } from "@/components/run-action";

export type { FormAction };

/** The Webhooks tab's server actions; null for a member who may only read. */
export interface WebhookActions {
  create: FormAction<{ endpointId: string; secret: string }>;
  setEnabled: FormAction<void>;
  rotate: FormAction<{ secret: string }>;
  remove: FormAction<void>;
  sendTest: FormAction<void>;
}

/** An endpoint as the tab shows it (lib/webhooks/endpoints.ts endpointView): never a secret. */
export interface WebhookEndpointItem {
  id: string;
  url: string;
  description: string;
  events: string[];
  environment: "live" | "test";
  enabled: boolean;
  disabled_reason: string | null;
  failing_since: string | null;
  secret_hint: string;
  previous_secret_until: string | null;
}
