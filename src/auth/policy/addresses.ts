// IP addresses for the IpAddress and NotIpAddress condition operators: IPv4 and IPv6, plain
// addresses or CIDR ranges. Every address is held as 128 bits, IPv4 in its IPv4-mapped IPv6
// form (::ffff:a.b.c.d), so the two spellings of one IPv4 address compare equal.
import { isIPv4, isIPv6 } from 'node:net';

const ipv4 = (text: string): bigint => text.split('.').reduce((acc, octet) => (acc << 8n) | BigInt(Number(octet)), 0n);

function address(text: string): bigint | undefined {
  if (isIPv4(text)) return (0xffffn << 32n) | ipv4(text);
  if (!isIPv6(text)) return undefined;
  let v6 = text.replace(/%.*$/, '');
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(v6);
  if (dotted) {
    const low = ipv4(dotted[1]);
    v6 = `${v6.slice(0, dotted.index)}${(low >> 16n).toString(16)}:${(low & 0xffffn).toString(16)}`;
  }
  const [head, tail] = v6.split('::');
  const groups = (part: string | undefined) => (part ? part.split(':') : []);
  const all = tail === undefined ? groups(head) : [...groups(head), ...Array<string>(8 - groups(head).length - groups(tail).length).fill('0'), ...groups(tail)];
  return all.reduce((acc, group) => (acc << 16n) | BigInt(parseInt(group, 16)), 0n);
}

/** Whether `addressText` lies in `range` (a CIDR block or one address); undefined when either does not parse. */
export function inRange(addressText: string, range: string): boolean | undefined {
  const [base, bits, ...rest] = range.trim().split('/');
  const a = address(addressText.trim());
  const b = address(base);
  if (a === undefined || b === undefined || rest.length > 0) return undefined;
  const v4 = isIPv4(base);
  const max = v4 ? 32 : 128;
  if (bits !== undefined && !(/^\d{1,3}$/.test(bits) && Number(bits) <= max)) return undefined;
  const shift = BigInt(max - (bits === undefined ? max : Number(bits)));
  return a >> shift === b >> shift;
}
