import type { Metadata } from "next";
import { RiskBadge } from "@/components/console/risk-badge";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { listCapabilities } from "@/lib/domain/catalog";
import { requireActor } from "@/lib/server/session";

export const metadata: Metadata = { title: "Capability catalog" };

export default async function CapabilitiesPage() {
  await requireActor();
  const capabilities = listCapabilities();
  const groups = [
    { kind: "builtin" as const, title: "Built-in", description: "Shipped with the product; no external system needed." },
    {
      kind: "connected" as const,
      title: "Connected",
      description: "Reach an external system through a connection of the space, per environment; enabled only where that connection exists.",
    },
  ];
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Capability catalog"
        description="What a persona can be allowed to do. Each action has a risk and an effect; the rollout stage caps the policy of each."
      />
      {groups.map((g) => (
        <section key={g.kind} aria-labelledby={`kind-${g.kind}`} className="flex min-w-0 flex-col gap-3">
          <div>
            <h2 id={`kind-${g.kind}`} className="text-base font-semibold">
              {g.title}
            </h2>
            <p className="text-sm text-muted-foreground">{g.description}</p>
          </div>
          <Table label={`${g.title} capabilities`}>
            <TableHeader>
              <TableRow>
                <TableHead>Capability</TableHead>
                <TableHead>Action</TableHead>
                <TableHead>Risk</TableHead>
                <TableHead>Effect</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {capabilities
                .filter((c) => c.kind === g.kind)
                .flatMap((c) =>
                  c.actions.map((a, i) => (
                    <TableRow key={a.key}>
                      <TableCell className="align-top">
                        {i === 0 ? (
                          <div className="flex max-w-64 flex-col gap-0.5">
                            <span className="font-medium">{c.name}</span>
                            <span className="text-xs text-muted-foreground">{c.description}</span>
                          </div>
                        ) : (
                          <span className="sr-only">{c.name}</span>
                        )}
                      </TableCell>
                      <TableCell>
                        <div className="flex flex-col gap-0.5">
                          <span>{a.name}</span>
                          <code className="text-xs text-muted-foreground">{a.key}</code>
                        </div>
                      </TableCell>
                      <TableCell>
                        <RiskBadge risk={a.risk} short />
                      </TableCell>
                      <TableCell>
                        <Badge variant={a.effect === "write" ? "amber" : "neutral"}>{a.effect}</Badge>
                      </TableCell>
                    </TableRow>
                  )),
                )}
            </TableBody>
          </Table>
        </section>
      ))}
    </div>
  );
}
