// The CommonJS consumer (index.d.ts): `require` gives the API object, ready at once.
import extsvc = require('extsvc');

export function usage(): number {
  const report: extsvc.Report = extsvc.validate('kind: Service\n', { kubeVersion: '1.37' });
  const result: extsvc.GenerateResult = extsvc.generate({ name: 'db', addresses: ['10.0.0.1'] });
  const init: () => Promise<void> = extsvc.init;
  const same: typeof extsvc.init = extsvc.default;
  void [result, init, same];
  // @ts-expect-error a number is not an input
  extsvc.validate(1);
  return report.summary.errors;
}
