"use client";

import { Pencil, Plus } from "lucide-react";
import { ActionDialog } from "./action-dialog";
import { TextField } from "./form-field";
import type { FormAction } from "./run-action";

/** The one field of the customer dialogs: the customer's name. */
function NameField({ id, errors, initialName }: { id: string; errors?: string[]; initialName?: string }) {
  return (
    <TextField
      id={`${id}-name`}
      label="Name"
      name="name"
      defaultValue={initialName}
      maxLength={100}
      autoComplete="off"
      required
      errors={errors}
    />
  );
}

/** "Add customer": a new customer with a new Client ID, then its page. */
export function AddCustomer({ action }: { action: FormAction<{ id: string; name: string; clientId: string }> }) {
  return (
    <ActionDialog
      trigger="Add customer"
      icon={Plus}
      title="Add a customer"
      submitLabel="Add customer"
      action={action}
      quietBesideFields
      success={(customer) => ({ title: `${customer.name} added`, description: `Client ID ${customer.clientId}` })}
      afterSuccess={(customer) => `/customers/${customer.id}`}
    >
      {({ id, errors }) => <NameField id={id} errors={errors.name} />}
    </ActionDialog>
  );
}

/** "Rename" on a customer's page. */
export function RenameCustomer({
  action,
  customerId,
  name,
}: {
  action: FormAction<{ id: string; name: string; changed: boolean }>;
  customerId: string;
  name: string;
}) {
  return (
    <ActionDialog
      trigger="Rename"
      icon={Pencil}
      title={`Rename ${name}`}
      submitLabel="Rename"
      action={action}
      quietBesideFields
      success={(result) => (result.changed ? `Renamed to ${result.name}` : "The name is unchanged")}
      hidden={{ customerId }}
    >
      {({ id, errors }) => <NameField id={id} errors={errors.name} initialName={name} />}
    </ActionDialog>
  );
}
