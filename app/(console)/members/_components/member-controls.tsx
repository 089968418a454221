"use client";
import { useActionState, useState, useTransition } from "react";
import { toast } from "sonner";
import { UserPlus, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { keepValuesOnSubmit } from "@/components/ui/use-keep-values-submit";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/form-error";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import { ROLE_LABELS } from "@/lib/domain/permissions";
import { TENANT_ROLES, type TenantRole } from "@/lib/domain/constants";
import type { ActionResult } from "@/lib/server/authorize";

type Action<T = unknown> = (input: unknown) => Promise<ActionResult<T>>;
type FormAction<T = unknown> = (prev: unknown, fd: FormData) => Promise<ActionResult<T>>;

function useResultToast() {
  return (r: ActionResult<unknown>, success: string) => {
    if (r.ok) toast.success(success);
    else toast.error(r.error);
  };
}

export function InviteMemberDialog({ action }: { action: FormAction<{ inviteToken: string | null }> }) {
  const [open, setOpen] = useState(false);
  // A new form each time the dialog opens: the one-time link is never shown twice.
  const [round, setRound] = useState(0);
  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) setRound((r) => r + 1);
      }}
    >
      <DialogTrigger asChild>
        <Button>
          <UserPlus aria-hidden="true" /> Invite member
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Invite a member</DialogTitle>
          <DialogDescription>No email is sent: you get a one-time sign-in link to hand over. It is valid for 7 days.</DialogDescription>
        </DialogHeader>
        <InviteForm key={round} action={action} onDone={() => { setOpen(false); setRound((r) => r + 1); }} />
      </DialogContent>
    </Dialog>
  );
}

function InviteForm({ action, onDone }: { action: FormAction<{ inviteToken: string | null }>; onDone: () => void }) {
  const [state, formAction, pending] = useActionState<(ActionResult<{ inviteToken: string | null }> & { email?: string }) | undefined, FormData>(
    async (prev, fd) => ({ ...(await action(prev, fd)), email: String(fd.get("email") ?? "") }),
    undefined,
  );
  const link = state?.ok && state.data.inviteToken ? `${window.location.origin}/invite/${state.data.inviteToken}` : null;
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  if (state?.ok) {
    return (
      <div className="flex flex-col gap-3 text-sm" role="status">
        {link ? (
          <>
            <p>
              <strong>{state.email}</strong> is invited. Send them this link; it is shown only once.
            </p>
            <div className="flex items-center gap-2">
              <Input readOnly value={link} aria-label="Invitation link" className="font-mono text-xs" />
              <CopyButton value={link} label="invitation link" />
            </div>
          </>
        ) : (
          <p>
            <strong>{state.email}</strong> already has an account and is now a member. They sign in with their password.
          </p>
        )}
        <DialogFooter>
          <Button variant="outline" onClick={onDone}>
            Done
          </Button>
        </DialogFooter>
      </div>
    );
  }
  return (
    <form onSubmit={keepValuesOnSubmit(formAction)} className="flex flex-col gap-4" noValidate>
      {state && !state.ok && !state.fieldErrors ? <FormError message={state.error} /> : null}
      <FormField id="invite-email" label="Email" error={errors.email}>
        <Input name="email" type="email" autoComplete="off" />
      </FormField>
      <FormField id="invite-name" label="Name" error={errors.name}>
        <Input name="name" autoComplete="off" />
      </FormField>
      <FormField id="invite-role" label="Tenant role" error={errors.role}>
        <NativeSelect name="role" defaultValue="viewer">
          {TENANT_ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </NativeSelect>
      </FormField>
      <DialogFooter>
        <Button type="submit" pending={pending} pendingText="Inviting…">
          Create invitation
        </Button>
      </DialogFooter>
    </form>
  );
}

export function RoleSelect({ membershipId, name, role, action }: { membershipId: string; name: string; role: TenantRole; action: Action }) {
  const [pending, start] = useTransition();
  const report = useResultToast();
  return (
    <NativeSelect
      wrapperClassName="min-w-44"
      aria-label={`Tenant role of ${name}`}
      defaultValue={role}
      disabled={pending}
      onChange={(e) => {
        const next = e.currentTarget.value;
        const el = e.currentTarget;
        start(async () => {
          const r = await action({ membershipId, role: next });
          report(r, `${name} is now ${ROLE_LABELS[next as TenantRole]}.`);
          if (!r.ok) el.value = role;
        });
      }}
    >
      {TENANT_ROLES.map((r) => (
        <option key={r} value={r}>
          {ROLE_LABELS[r]}
        </option>
      ))}
    </NativeSelect>
  );
}

export function RemoveMemberButton({ membershipId, name, action }: { membershipId: string; name: string; action: Action }) {
  return (
    <ConfirmDialog
      trigger={
        <Button variant="ghost" size="sm">
          Remove<span className="sr-only"> {name}</span>
        </Button>
      }
      title={`Remove ${name}?`}
      consequence={`${name} loses access to every space of this tenant at their next request. Their past reviews stay in the record.`}
      confirmLabel="Remove member"
      onConfirm={async () => {
        const r = await action({ membershipId });
        if (r.ok) toast.success(`${name} was removed.`);
        return r;
      }}
    />
  );
}

export function ExternalIdsDialog({ membershipId, name, externalIds, action }: { membershipId: string; name: string; externalIds: string[]; action: FormAction }) {
  const [open, setOpen] = useState(false);
  const [state, formAction, pending] = useActionState<ActionResult<unknown> | undefined, FormData>(async (prev, fd) => {
    const r = await action(prev, fd);
    if (r.ok) {
      toast.success(`External ids of ${name} saved.`);
      setOpen(false);
    }
    return r;
  }, undefined);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm">
          External ids<span className="sr-only"> of {name}</span>
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>External ids of {name}</DialogTitle>
          <DialogDescription>
            Ids of this person in your own product. Nobody approves an action a persona proposes on their own behalf.
          </DialogDescription>
        </DialogHeader>
        <form onSubmit={keepValuesOnSubmit(formAction)} className="flex flex-col gap-4">
          <input type="hidden" name="membershipId" value={membershipId} />
          <FormField id={`ext-${membershipId}`} label="External ids" description="Separate with commas or new lines." error={state && !state.ok ? (state.fieldErrors?.externalIds ?? state.error) : undefined}>
            <Textarea name="externalIds" defaultValue={externalIds.join("\n")} rows={4} />
          </FormField>
          <DialogFooter>
            <Button type="submit" pending={pending} pendingText="Saving…">
              Save
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

export function CreateTeamForm({ action }: { action: FormAction }) {
  const [state, formAction, pending] = useActionState<ActionResult<unknown> | undefined, FormData>(async (prev, fd) => {
    const r = await action(prev, fd);
    if (r.ok) toast.success(`Team ${String(fd.get("name"))} created.`);
    return r;
  }, undefined);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form onSubmit={keepValuesOnSubmit(formAction)} className="flex flex-wrap items-start gap-3" noValidate>
      <FormField id="team-name" label="New team name" error={errors.name ?? (state && !state.ok && !state.fieldErrors ? state.error : undefined)} className="min-w-56">
        <Input name="name" autoComplete="off" />
      </FormField>
      <FormField id="team-description" label="Description" optional className="min-w-72 flex-1">
        <Input name="description" autoComplete="off" />
      </FormField>
      <Button type="submit" className="mt-6" pending={pending} pendingText="Creating…">
        Create team
      </Button>
    </form>
  );
}

export function AddTeamMemberForm({
  teamId,
  teamName,
  candidates,
  action,
}: {
  teamId: string;
  teamName: string;
  candidates: { membershipId: string; name: string }[];
  action: Action;
}) {
  const [pending, start] = useTransition();
  const [value, setValue] = useState("");
  const report = useResultToast();
  if (candidates.length === 0) return null;
  return (
    <div className="flex items-center gap-2">
      <NativeSelect aria-label={`Member to add to ${teamName}`} value={value} onChange={(e) => setValue(e.currentTarget.value)}>
        <option value="">Add a member…</option>
        {candidates.map((c) => (
          <option key={c.membershipId} value={c.membershipId}>
            {c.name}
          </option>
        ))}
      </NativeSelect>
      <Button
        variant="outline"
        size="sm"
        disabled={!value}
        pending={pending}
        onClick={() =>
          start(async () => {
            const name = candidates.find((c) => c.membershipId === value)?.name ?? "Member";
            report(await action({ teamId, membershipId: value }), `${name} added to ${teamName}.`);
            setValue("");
          })
        }
      >
        Add<span className="sr-only"> to {teamName}</span>
      </Button>
    </div>
  );
}

export function RemoveTeamMemberButton({ teamId, teamName, membershipId, name, action }: { teamId: string; teamName: string; membershipId: string; name: string; action: Action }) {
  const [pending, start] = useTransition();
  const report = useResultToast();
  return (
    <Button
      variant="ghost"
      size="icon-sm"
      aria-label={`Remove ${name} from ${teamName}`}
      pending={pending}
      onClick={() => start(async () => report(await action({ teamId, membershipId }), `${name} removed from ${teamName}.`))}
    >
      <X aria-hidden="true" />
    </Button>
  );
}

export function DeleteTeamButton({ teamId, teamName, action }: { teamId: string; teamName: string; action: Action }) {
  return (
    <ConfirmDialog
      trigger={
        <Button variant="ghost" size="sm">
          Delete<span className="sr-only"> team {teamName}</span>
        </Button>
      }
      title={`Delete team ${teamName}?`}
      consequence="Its members lose the space access they had only through this team."
      confirmLabel="Delete team"
      onConfirm={async () => {
        const r = await action({ teamId });
        if (r.ok) toast.success(`Team ${teamName} deleted.`);
        return r;
      }}
    />
  );
}
