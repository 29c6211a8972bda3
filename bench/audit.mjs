// What recording the audit trail costs on the hot path: bench/run.mjs's GetSecretValue and
// Encrypt scenarios against a Strongroom in `open` mode with the trail off (the `open` side)
// and the same build recording every call (`{ auditTrail: true }`, the baseline side), beside
// the bare node:http ceiling, in the same alternating slices. A GetSecretValue records two
// events (its own and its KMS Decrypt's). BENCH_STORAGE=disk (the default here) puts each
// server on a data dir of its own, where a batch costs a LevelDB log write and group commit
// matters; BENCH_STORAGE=memory for the rest. The other variables are bench/run.mjs's.
// `npm run bench:audit` builds first.
process.env.BENCH_ONLY ??= 'KMS Encrypt (1 KiB),SM GetSecretValue';
process.env.BENCH_MODES ??= 'open';
process.env.BENCH_BASELINE_OPTIONS ??= JSON.stringify({ auth: 'open', auditTrail: true });
process.env.BENCH_STORAGE ??= 'disk';
await import('./run.mjs');
