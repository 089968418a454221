"use client";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { EnvironmentChip } from "@/components/console/environment-chip";
import { RiskBadge } from "@/components/console/risk-badge";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/native-select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { CapabilityKey, Effect, Environment, Policy, Risk } from "@/lib/domain/constants";
import { POLICIES } from "@/lib/domain/constants";
import { disableCapabilityEverywhereAction, setCapabilityGrantAction } from "../actions";

export interface CapabilityCardData {
  key: CapabilityKey;
  name: string;
  kind: "builtin" | "connected";
  description: string;
  envs: { env: Environment; enabled: boolean; blockedBy: string | null }[];
  actions: {
    key: string;
    name: string;
    risk: Risk;
    effect: Effect;
    cells: { env: Environment; policy: Policy; ceiling: Policy }[];
  }[];
}

export function CapabilityCard({
  spaceId,
  personaId,
  data,
  canManage,
}: {
  spaceId: string;
  personaId: string;
  data: CapabilityCardData;
  canManage: boolean;
}) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const headingId = `cap-${data.key}`;
  const anyEnabled = data.envs.some((e) => e.enabled);

  const run = (fn: () => Promise<{ ok: boolean; error?: string }>, success: string) => {
    setError(null);
    startTransition(async () => {
      const r = await fn();
      if (r.ok) toast.success(success);
      else {
        setError(r.error ?? "Something went wrong.");
        setVersion((v) => v + 1); // put the selects back to the stored values
      }
    });
  };

  return (
    <section aria-labelledby={headingId} className="flex min-w-0 flex-col gap-2 rounded-lg border border-border p-4" aria-busy={pending || undefined}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="flex min-w-0 flex-col gap-0.5">
          <div className="flex flex-wrap items-center gap-2">
            <h3 id={headingId} className="text-sm font-semibold">
              {data.name}
            </h3>
            <Badge variant={data.kind === "connected" ? "blue" : "neutral"}>{data.kind === "connected" ? "connected" : "built-in"}</Badge>
          </div>
          <p className="text-xs text-muted-foreground">{data.description}</p>
        </div>
        {canManage && anyEnabled ? (
          <Button
            variant="outline"
            size="sm"
            disabled={pending}
            onClick={() =>
              run(() => disableCapabilityEverywhereAction({ spaceId, personaId, capabilityKey: data.key }), `${data.name} disabled everywhere.`)
            }
          >
            Disable everywhere
          </Button>
        ) : null}
      </div>
      {error ? (
        <p role="alert" className="rounded-md border border-destructive/50 bg-destructive/5 px-3 py-2 text-sm text-destructive-text">
          {error}
        </p>
      ) : null}
      <Table label={`${data.name} by environment`}>
        <TableHeader>
          <TableRow>
            <TableHead>Action</TableHead>
            {data.envs.map((e) => (
              <TableHead key={e.env}>
                <EnvironmentChip environment={e.env} />
              </TableHead>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          <TableRow>
            <TableCell className="font-medium">Enabled</TableCell>
            {data.envs.map((e) => (
              <TableCell key={e.env} className="align-top">
                <div className="flex max-w-48 flex-col gap-1">
                  {canManage ? (
                    <Button
                      size="sm"
                      variant={e.enabled ? "default" : "outline"}
                      aria-pressed={e.enabled}
                      aria-label={`${data.name} in ${e.env}`}
                      disabled={pending || (!e.enabled && e.blockedBy !== null)}
                      onClick={() =>
                        run(
                          () => setCapabilityGrantAction({ spaceId, personaId, capabilityKey: data.key, environment: e.env, enabled: !e.enabled }),
                          `${data.name} ${e.enabled ? "disabled" : "enabled"} in ${e.env}.`,
                        )
                      }
                    >
                      {e.enabled ? "On" : "Off"}
                    </Button>
                  ) : e.enabled ? (
                    <Badge variant="green">On</Badge>
                  ) : (
                    <span className="text-muted-foreground">Off</span>
                  )}
                  {!e.enabled && e.blockedBy ? <span className="text-xs whitespace-normal text-muted-foreground">{e.blockedBy}</span> : null}
                </div>
              </TableCell>
            ))}
          </TableRow>
          {data.actions.map((a) => (
            <TableRow key={a.key}>
              <TableCell>
                <div className="flex flex-col gap-1">
                  <span className="font-medium">{a.name}</span>
                  <span className="flex flex-wrap items-center gap-1 text-xs text-muted-foreground">
                    <code>{a.key}</code> <RiskBadge risk={a.risk} short /> <Badge variant="neutral">{a.effect}</Badge>
                  </span>
                </div>
              </TableCell>
              {a.cells.map((c) => (
                <TableCell key={c.env} className="align-top">
                  <div className="flex max-w-48 flex-col gap-1">
                    <NativeSelect
                      key={`${version}-${c.policy}`}
                      wrapperClassName="min-w-24"
                      aria-label={`Policy of ${a.key} in ${c.env}`}
                      defaultValue={c.policy}
                      disabled={!canManage || pending}
                      onChange={(ev) =>
                        run(
                          () =>
                            setCapabilityGrantAction({
                              spaceId,
                              personaId,
                              capabilityKey: data.key,
                              environment: c.env,
                              policies: { [a.key]: ev.target.value as Policy },
                            }),
                          `${a.key} in ${c.env}: ${ev.target.value}.`,
                        )
                      }
                    >
                      {POLICIES.map((p) => (
                        <option key={p} value={p}>
                          {p}
                        </option>
                      ))}
                    </NativeSelect>
                    <span className="text-xs text-muted-foreground">at most {c.ceiling}</span>
                  </div>
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </section>
  );
}
