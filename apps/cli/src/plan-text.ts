// A deploy plan as a person reads it in a terminal.
import type { PlanAction, PlanItem } from '@superset-git/contracts';
import type { Colour } from './cli-output.ts';
import { table } from './cli-output.ts';

export interface PlanView {
  items: PlanItem[];
  errors: { path: string | null; message: string; fixes?: { label: string }[] }[];
  warnings: { path: string | null; message: string }[];
  targetVersion: string | null;
  summary: Record<PlanAction, number>;
}

export function planText(heading: string, plan: PlanView, colour: Colour): string {
  const changing = plan.items.filter((item) => item.action !== 'unchanged');
  const lines = [colour.bold(plan.targetVersion ? `${heading}, Superset ${plan.targetVersion}` : heading)];
  if (changing.length > 0)
    lines.push(
      table([
        ['  action', 'object', 'name', 'file'],
        ...changing.map((item) => [`  ${item.action}`, item.objectType, item.name ?? '', item.path]),
      ]),
    );
  const { summary } = plan;
  lines.push(
    `${summary.create} to create, ${summary.update} to update, ${summary.unchanged} unchanged, ${summary['delete-on-target']} to delete on the target`,
  );
  for (const item of changing.filter((entry) => entry.usedBy.length > 0))
    lines.push(
      colour.yellow(
        `  ! ${item.objectType} '${item.name ?? item.uuid}' is also used by ${item.usedBy.map((used) => `'${used.title}'`).join(', ')} on the target`,
      ),
    );
  for (const warning of plan.warnings)
    lines.push(colour.yellow(`  ! ${warning.path ? `${warning.path}: ` : ''}${warning.message}`));
  if (plan.errors.length > 0) {
    lines.push(colour.red(`${plan.errors.length} problem(s) stop this deploy:`));
    for (const error of plan.errors) {
      lines.push(colour.red(`  ${error.path ? `${error.path}: ` : ''}${error.message}`));
      // The server's deploy settings (or the dialog's buttons) apply these; here they say what would settle it.
      for (const fix of error.fixes ?? [])
        lines.push(`    possible fix in the deploy settings: ${fix.label}`);
    }
  }
  return lines.join('\n');
}
