// AWS Region names: which strings are Regions, and which ARN partition each belongs to.
// A request's Region comes from its SigV4 credential scope, which any client can fill with
// anything, and every (account, Region) holds state of its own: only names of AWS's shape
// are Regions here.

/**
 * `<area>[-<qualifier>]-<direction>-<n>`, as every partition names its Regions: us-east-1,
 * ap-southeast-2, us-gov-west-1, cn-north-1, us-isob-east-1, eu-isoe-west-1, eusc-de-east-1.
 */
const REGION_NAME = /^[a-z]{2,4}(?:-[a-z]{2,4})?-[a-z]{4,10}-\d{1,2}$/;

export function isRegionName(text: string): boolean {
  return REGION_NAME.test(text);
}

/** The ARN partition of a Region, as AWS assigns them. */
export function partition(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('us-isof-')) return 'aws-iso-f';
  if (region.startsWith('eu-isoe-')) return 'aws-iso-e';
  if (region.startsWith('eusc-')) return 'aws-eusc';
  return 'aws';
}
