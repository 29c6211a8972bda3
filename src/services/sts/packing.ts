// PackedPolicySize: AWS packs session policies, policy ARNs and session tags into a binary form
// with a limit of its own and reports its use as a percentage; past 100% AssumeRole fails with
// PackedPolicyTooLarge ("Packed size of session tags consumes 112% of allotted space."). The
// packing is not public: estimated here as the deflated size against a 2,048-byte budget, which
// gives AWS's documented example (a short policy and two tags) its 6%.
import { deflateRawSync } from 'node:zlib';
import { PackedPolicyTooLargeException } from '../../protocol/errors';

const BUDGET = 2048;

/** The percentage, or undefined when the request passes neither policies nor tags (AWS then reports none). */
export function packedPolicySize(policy: string | undefined, policyArns: string[], tags: Record<string, string>): number | undefined {
  const tagKeys = Object.keys(tags);
  if (policy === undefined && policyArns.length === 0 && tagKeys.length === 0) return undefined;
  const text = [policy ?? '', ...policyArns, ...tagKeys.map((k) => `${k}=${tags[k]}`)].join('\n');
  const percent = Math.max(1, Math.round((deflateRawSync(text).length * 100) / BUDGET));
  if (percent > 100) throw new PackedPolicyTooLargeException(`Packed size of ${tagKeys.length > 0 ? 'session tags' : 'session policies'} consumes ${percent}% of allotted space.`);
  return percent;
}
