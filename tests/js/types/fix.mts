// fix, migrate and unifiedDiff as an ES module consumer (compiled with `tsc --noEmit`):
// the declarations describe the results and reject misuse.
import { fix, migrate, unifiedDiff, validate } from 'extsvc';
import type {
  AppliedFix,
  Diagnostic,
  FixOptions,
  FixResult,
  Location,
  MigrateOptions,
  MigrateResult,
  Migrated,
  NotMigrated,
} from 'extsvc';

export function transforms(source: string): string {
  const options: FixOptions = { unsafeFixes: true, kubeVersion: '1.35' };
  const fixed: FixResult = fix(source, options);
  const plain: FixResult = fix(source);
  const applied: AppliedFix[] = [...fixed.applied, ...plain.unsafeAvailable];
  for (const a of applied) {
    const where: Location = a.location;
    const kind: string | undefined = a.object?.kind;
    void [a.code, a.path, a.description, where.line, kind];
  }
  const remaining: Diagnostic[] = fixed.remaining;
  const refused: string | undefined = fixed.refused;

  const migrateOptions: MigrateOptions = { keepEndpoints: true };
  const moved: MigrateResult = migrate(fixed.output, migrateOptions);
  const none: MigrateResult = migrate(fixed.output, null);
  const first: Migrated | undefined = moved.migrated[0];
  const created: string[] = first?.created ?? [];
  const skipped: NotMigrated[] = none.skipped;
  const reasons: string[] = skipped.map((s) => `${s.object.kind}: ${s.reason}`);
  void [remaining, refused, created, reasons, validate(moved.output)];

  // @ts-expect-error options are camelCase, unknown fields rejected
  fix(source, { unsafe_fixes: true });
  // @ts-expect-error keepEndpoints is a boolean
  migrate(source, { keepEndpoints: 'yes' });
  // @ts-expect-error the source is text
  fix({ text: source });
  // @ts-expect-error unifiedDiff takes a name, the old and the new text
  unifiedDiff(source, fixed.output);
  return unifiedDiff('a.yaml', source, moved.output);
}
