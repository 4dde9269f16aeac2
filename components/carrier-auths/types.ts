import type { FormAction } from "@/components/run-action";

export type { FormAction };

/** The server actions the carrier auth tab calls; null for a member who may only read. */
export interface CarrierAuthActions {
  add: FormAction<{ authId: string }>;
  edit: FormAction<void>;
  remove: FormAction<void>;
  reveal: FormAction<{ label: string; value: string }>;
}

/** One auth as the list shows it: non-secret values, and for secrets at most a hint. */
export interface CarrierAuthView {
  id: string;
  courier: string;
  courierName: string;
  company: string;
  testing: boolean;
  fields: { name: string; label: string; secret: boolean; value: string | null; hint: string | null; isSet: boolean }[];
  createdBy: string;
  updatedBy: string;
  createdAt: Date;
  updatedAt: Date;
}
