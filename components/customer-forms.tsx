"use client";

import { Pencil, Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { toast } from "sonner";
import type { ActionResult, ActionState, FieldErrors } from "@/lib/auth/member-action";
import { TextField } from "./form-field";
import { Modal } from "./modal";

type CustomerAction<R> = (previous: ActionState<R>, data: FormData) => Promise<ActionResult<R>>;

/**
 * A dialog with one field, the customer's name. The form is not reset by a refusal (it is
 * submitted by hand, not as a form action), so what was typed stays beside its error.
 */
function NameDialog<R>({
  trigger,
  icon,
  title,
  submitLabel,
  action,
  hidden,
  initialName,
  onSuccess,
}: {
  trigger: string;
  icon: React.ReactNode;
  title: string;
  submitLabel: string;
  action: CustomerAction<R>;
  hidden?: Record<string, string>;
  initialName?: string;
  onSuccess: (data: R, name: string) => void;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [failure, setFailure] = useState<{ error: string; fieldErrors: FieldErrors } | null>(null);
  const [pending, startTransition] = useTransition();

  function close() {
    setOpen(false);
    setFailure(null);
  }

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(async () => {
      const result = await action(null, data);
      if (result.ok) {
        close();
        onSuccess(result.data, String(data.get("name") ?? "").trim());
        return;
      }
      setFailure({ error: result.error, fieldErrors: result.fieldErrors ?? {} });
      if (!result.fieldErrors) toast.error(result.error);
    });
  }

  return (
    <>
      <button type="button" className="btn" onClick={() => setOpen(true)}>
        {icon}
        {trigger}
      </button>
      <Modal open={open} onClose={close} title={title}>
        <form onSubmit={submit} noValidate className="space-y-4">
          {Object.entries(hidden ?? {}).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <TextField
            id={`${id}-name`}
            label="Name"
            name="name"
            defaultValue={initialName}
            maxLength={100}
            autoComplete="off"
            required
            errors={failure?.fieldErrors.name}
          />
          {failure && !failure.fieldErrors.name && (
            <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
              {failure.error}
            </p>
          )}
          <div className="flex justify-end gap-2">
            <button type="button" className="btn" onClick={close}>
              Cancel
            </button>
            <button type="submit" disabled={pending} className="btn-primary">
              {pending ? "Working…" : submitLabel}
            </button>
          </div>
        </form>
      </Modal>
    </>
  );
}

/** "Add customer": a new customer with a new Client ID, then its page. */
export function AddCustomer({ action }: { action: CustomerAction<{ id: string; name: string; clientId: string }> }) {
  const router = useRouter();
  return (
    <NameDialog
      trigger="Add customer"
      icon={<Plus aria-hidden className="size-4" />}
      title="Add a customer"
      submitLabel="Add customer"
      action={action}
      onSuccess={(customer) => {
        toast.success(`${customer.name} added`, { description: `Client ID ${customer.clientId}` });
        router.push(`/customers/${customer.id}`);
      }}
    />
  );
}

/** "Rename" on a customer's page. */
export function RenameCustomer({
  action,
  customerId,
  name,
}: {
  action: CustomerAction<{ id: string; name: string; changed: boolean }>;
  customerId: string;
  name: string;
}) {
  const router = useRouter();
  return (
    <NameDialog
      trigger="Rename"
      icon={<Pencil aria-hidden className="size-4" />}
      title={`Rename ${name}`}
      submitLabel="Rename"
      action={action}
      hidden={{ customerId }}
      initialName={name}
      onSuccess={(result) => {
        toast.success(result.changed ? `Renamed to ${result.name}` : "The name is unchanged");
        router.refresh();
      }}
    />
  );
}
