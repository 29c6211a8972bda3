// ESLint guards correctness and the architecture's layers (docs/architecture.md): a line of code
// must know its room. Formatting is not linted. `npm run lint` also runs dpdm for import cycles
// (type-only imports included: import-x's no-cycle skips those, and the KMS engine's cycle ran
// through one) and knip for unused files, exports and dependencies.
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Layer rules: `target` files may not import `from` files (`except` is relative to `from`). */
const layers = [
  {
    target: './src/services/*/operations/**',
    from: './src/store',
    message: 'Handlers go through their service’s modules, never the store.',
  },
  {
    target: './src/protocol',
    from: './src/services',
    message: 'The wire contract knows nothing of the services.',
  },
  {
    target: './src/services/kms/crypto',
    from: './src',
    except: ['./services/kms/crypto'],
    message: 'The crypto layer is pure cryptography: it imports nothing from KMS or the rest of src/.',
  },
  {
    target: './src/services',
    from: './src/http',
    message: 'Services are transport-free: HTTP stays in src/http.',
  },
  {
    target: './src/pipeline',
    from: './src/http',
    message: 'dispatch() is transport-free: every door (HTTP, seeds, the console, jobs) calls it the same way.',
  },
  {
    target: './src/console',
    from: ['./src/store', './src/services'],
    message: 'The console acts only through AWS operations (ctx.call): it reads no store and no service module.',
  },
  {
    target: './src/store',
    from: ['./src/services', './src/http', './src/protocol', './src/pipeline'],
    message: 'The store is the bottom layer.',
  },
  {
    target: './src/services/secretsmanager',
    from: './src/services/kms',
    except: ['./interface.ts'],
    message: 'Secrets Manager reaches KMS only through its in-process interface (src/services/kms/interface.ts).',
  },
  {
    target: './src/services/kms',
    from: './src/services/secretsmanager',
    message: 'KMS does not depend on Secrets Manager.',
  },
];

export default defineConfig(
  { ignores: ['dist/', 'coverage/', 'node_modules/', '.strongroom/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: globals.node },
    rules: {
      // A `_` name is unused on purpose (a callback's parameter, a member destructured away), and
      // so are the members a `...rest` destructuring leaves out.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // Tests read untyped JSON (the AWS CLI's, boto3's, raw HTTP bodies) and reach into it freely.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The operation tables load each operation's file on its first call (cold start, issue 15).
    files: ['src/services/*/operations/index.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'] })] },
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: root, zones: layers }],
    },
  },
  {
    // The import rule keeps store/ out of handlers; this keeps them off the Store their context
    // can reach (ctx.deps.store, ctx.kms.deps.store): locks and commits belong to domain modules.
    files: ['src/services/*/operations/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[property.name='store']", message: 'Handlers go through their service’s modules, never the store.' },
        { selector: "ObjectPattern > Property[key.name='store']", message: 'Handlers go through their service’s modules, never the store.' },
      ],
    },
  },
);
