// The key page's "try it" panel: encrypt and decrypt, sign and verify, or make and check a MAC
// with the key, as its usage allows, with the first algorithm the key lists. Texts travel only
// in POST bodies and come back in the page, never in a URL.
import type { Request } from 'express';
import type { DecryptResponse, EncryptResponse, KeyMetadata, KeyUsageType } from '../../protocol/generated/kms';
import { AwsError } from '../../protocol/errors';
import type { PageContext } from '../context';
import { html, type Html } from '../html';
import { formFields } from '../layout';
import { field } from './forms';
import { errorText } from './sections';

type Input = 'text' | 'ciphertext' | 'signature';
type Filled = Partial<Record<Input, string>>;

/** One try-it form: what it posts as `action`, its button, its inputs, and what it does. */
interface TryForm {
  action: string;
  button: string;
  inputs: [Input, string][];
  /** Runs the operation: the text to show, and what to fill in the forms for the next step. */
  run(ctx: PageContext, keyId: string, algorithm: string | undefined, form: Filled): Promise<{ result: string; fill: Filled }>;
}

interface Family {
  /** The algorithms the key lists for these operations; the panel uses the first. */
  algorithms(meta: KeyMetadata): string[] | undefined;
  forms: [TryForm, TryForm];
}

/** What a try-it action answered, for the panel. */
export interface Tried {
  action: string;
  result?: string;
  error?: AwsError;
  fill: Filled;
}

const utf8 = (text = '') => Buffer.from(text, 'utf8');
const base64 = (bytes: Uint8Array | undefined) => Buffer.from(bytes ?? []).toString('base64');
/** Pasted base64 may be wrapped over lines; the service decodes it (and answers AWS's error if it is not base64). */
const pasted = (text = '') => text.replace(/\s+/g, '');

/** A decrypted plaintext as text when it is UTF-8, otherwise as base64. */
function plaintextOf(bytes: Uint8Array | undefined): string {
  const buffer = Buffer.from(bytes ?? []);
  const text = buffer.toString('utf8');
  return Buffer.from(text, 'utf8').equals(buffer) ? text : `(not UTF-8; base64) ${buffer.toString('base64')}`;
}

/** Operations that make a proof of a text (a signature, a MAC) and check one. */
interface Proof {
  algorithms(meta: KeyMetadata): string[] | undefined;
  make: { action: string; button: string; operation: string };
  check: { action: string; button: string; operation: string };
  /** The output member of `make` and input member of `check` that carry the proof, and what the page calls it. */
  member: string;
  noun: string;
  algorithmMember: string;
  /** Members both operations take besides the key, the message and the algorithm. */
  input?: Record<string, unknown>;
}

function proofFamily(proof: Proof): Family {
  const base = (KeyId: string, algorithm: string | undefined, text: string | undefined) => ({ KeyId, Message: utf8(text), [proof.algorithmMember]: algorithm, ...proof.input });
  return {
    algorithms: proof.algorithms,
    forms: [
      {
        ...proof.make,
        inputs: [['text', 'Text']],
        async run(ctx, keyId, algorithm, form) {
          const out = await ctx.call<Record<string, Uint8Array | undefined>>('kms', proof.make.operation, base(keyId, algorithm, form.text));
          const made = base64(out[proof.member]);
          return { result: made, fill: { text: form.text, signature: made } };
        },
      },
      {
        ...proof.check,
        inputs: [
          ['text', 'Text'],
          ['signature', `${proof.noun[0].toUpperCase()}${proof.noun.slice(1)} (base64)`],
        ],
        async run(ctx, keyId, algorithm, form) {
          // A proof that does not match is an error (KMSInvalidSignatureException, KMSInvalidMacException), never a false.
          await ctx.call('kms', proof.check.operation, { ...base(keyId, algorithm, form.text), [proof.member]: pasted(form.signature) });
          return { result: `Valid: the ${proof.noun} matches the text.`, fill: form };
        },
      },
    ],
  };
}

const FAMILIES: Partial<Record<KeyUsageType, Family>> = {
  ENCRYPT_DECRYPT: {
    algorithms: (meta) => meta.EncryptionAlgorithms,
    forms: [
      {
        action: 'encrypt',
        button: 'Encrypt',
        inputs: [['text', 'Text']],
        async run(ctx, KeyId, EncryptionAlgorithm, form) {
          const out = await ctx.call<EncryptResponse>('kms', 'Encrypt', { KeyId, Plaintext: utf8(form.text), EncryptionAlgorithm });
          const ciphertext = base64(out.CiphertextBlob);
          return { result: ciphertext, fill: { ciphertext } };
        },
      },
      {
        action: 'decrypt',
        button: 'Decrypt',
        inputs: [['ciphertext', 'Ciphertext (base64)']],
        async run(ctx, KeyId, EncryptionAlgorithm, form) {
          const out = await ctx.call<DecryptResponse>('kms', 'Decrypt', { KeyId, CiphertextBlob: pasted(form.ciphertext), EncryptionAlgorithm });
          return { result: plaintextOf(out.Plaintext), fill: { ciphertext: form.ciphertext } };
        },
      },
    ],
  },
  SIGN_VERIFY: proofFamily({
    algorithms: (meta) => meta.SigningAlgorithms,
    make: { action: 'sign', button: 'Sign', operation: 'Sign' },
    check: { action: 'verify', button: 'Verify', operation: 'Verify' },
    member: 'Signature',
    noun: 'signature',
    algorithmMember: 'SigningAlgorithm',
    // The text itself is signed, not a digest of it.
    input: { MessageType: 'RAW' },
  }),
  GENERATE_VERIFY_MAC: proofFamily({
    algorithms: (meta) => meta.MacAlgorithms,
    make: { action: 'generate-mac', button: 'Generate MAC', operation: 'GenerateMac' },
    check: { action: 'verify-mac', button: 'Verify MAC', operation: 'VerifyMac' },
    member: 'Mac',
    noun: 'MAC',
    algorithmMember: 'MacAlgorithm',
  }),
};

const familyOf = (meta: KeyMetadata) => (meta.KeyUsage === undefined ? undefined : FAMILIES[meta.KeyUsage]);

/** Runs the posted try-it action on the key; undefined when the key's usage has no such action. */
export async function runTry(ctx: PageContext, meta: KeyMetadata, req: Request): Promise<Tried | undefined> {
  const family = familyOf(meta);
  const form = family?.forms.find((f) => f.action === field(req, 'action'));
  if (!family || !form) return undefined;
  const posted: Filled = { text: field(req, 'text'), ciphertext: field(req, 'ciphertext'), signature: field(req, 'signature') };
  try {
    return { action: form.action, ...(await form.run(ctx, meta.KeyId, family.algorithms(meta)?.[0], posted)) };
  } catch (err) {
    if (!(err instanceof AwsError)) throw err;
    return { action: form.action, error: err, fill: posted };
  }
}

function tryForm(ctx: PageContext, keyId: string, form: TryForm, fill: Filled): Html {
  return html`<form method="post" action="${ctx.link('keys/try')}" class="stack">${formFields(ctx)}<input type="hidden" name="id" value="${keyId}"><input type="hidden" name="action" value="${form.action}">
${form.inputs.map(([name, label]) => html`<label>${label} <textarea name="${name}" rows="3" required>${fill[name] ?? ''}</textarea></label>`)}
<button type="submit" data-test="try-${form.action}">${form.button}</button></form>`;
}

export function tryPanel(ctx: PageContext, meta: KeyMetadata, tried?: Tried): Html {
  const family = familyOf(meta);
  if (!family) return html`<p class="muted">The panel tries encryption, signing and MACs; this key's usage is ${meta.KeyUsage ?? 'not known'}.</p>`;
  const algorithm = family.algorithms(meta)?.[0];
  const outcome =
    tried &&
    html`<p>${family.forms.find((f) => f.action === tried.action)?.button}: <output id="try-result" data-test="try-result"${tried.error ? html` class="error"` : ''}>${tried.error ? errorText(tried.error) : tried.result}</output></p>${tried.error ? '' : html`<p><button type="button" hidden data-copy-target="try-result" data-test="copy">Copy</button></p>`}`;
  return html`${algorithm ? html`<p class="muted">With ${algorithm}.</p>` : ''}${outcome}<div class="grid">${family.forms.map((form) => tryForm(ctx, meta.KeyId, form, tried?.fill ?? {}))}</div>`;
}
