// Compiled with `tsc --noEmit` (strict, no DOM or Node type library) against the installed
// package, as an ES module consumer (index.d.mts): the declarations must describe how the
// API is used, and reject misuse. usage.cts is the CommonJS consumer.
import init, {
  check,
  defaultOptions,
  generate,
  renderGenerate,
  renderRules,
  rules,
  validate,
  version,
} from 'extsvc';
import type {
  Category,
  CheckResult,
  Diagnostic,
  ErrorCode,
  ExtsvcError,
  GenerateResult,
  GenerateSpec,
  Options,
  Report,
  Rule,
  Severity,
  Summary,
  Version,
} from 'extsvc';

export async function usage(): Promise<void> {
  await init();

  const options: Options = { kubeVersion: '1.35' };
  const report: Report = validate('apiVersion: v1\nkind: Service\n', options);
  const many: Report = validate([{ name: 'a.yaml', text: '' }], null);
  const summary: Summary = report.summary;
  const total: number = summary.errors + summary.warnings + summary.infos + many.summary.files;

  for (const d of report.diagnostics) {
    const diagnostic: Diagnostic = d;
    const severity: Severity = diagnostic.severity;
    const category: Category = diagnostic.category;
    const line: number | undefined = diagnostic.location?.line;
    const kind: string | undefined = diagnostic.object?.kind;
    const path: string | undefined = diagnostic.path;
    void [severity, category, line, kind, path, total];
  }

  const spec: GenerateSpec = {
    name: 'mysql-svc',
    namespace: 'default',
    addresses: ['114.32.146.154'],
    ports: [{ name: 'mysql', port: 3306 }],
  };
  const result: GenerateResult = generate(spec);
  const fromText: GenerateResult = generate(JSON.stringify(spec));
  if (result.yaml !== null) validate(result.yaml);
  const srv: string[] = result.dns?.srv ?? [];
  void [fromText, srv];

  const list: Rule[] = rules();
  const first: string | undefined = list[0]?.why;
  const v: Version = version();
  const supported: string[] = v.supportedKubeVersions;
  const defaults: string = defaultOptions().kubeVersion;
  void [first, supported, defaults];

  const out: CheckResult = check([{ name: 'a.yaml', text: '' }], {}, 'json', { color: false, errorOnWarning: true });
  const exit: number = out.exitCode;
  const generated: string = renderGenerate('{}', 'spec.json', 'yaml').output;
  const table: string = renderRules('text');
  void [exit, generated, table];

  try {
    validate('');
  } catch (e) {
    const code: ErrorCode = (e as ExtsvcError).code;
    void code;
  }

  // Misuse the declarations must reject.
  // @ts-expect-error a number is not an input
  validate(42);
  // @ts-expect-error unknown option
  validate('', { kubeVersoin: '1.33' });
  // @ts-expect-error xml is not a format
  check([], {}, 'xml');
  // @ts-expect-error generate formats are yaml and json
  renderGenerate('{}', 'spec.json', 'text');
  // @ts-expect-error the spec needs a name
  generate({ addresses: [] });
  // @ts-expect-error severities are error, warning and info
  const wrong: Severity = 'fatal';
  void wrong;
}
