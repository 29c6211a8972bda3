import { BadTrailToken } from '../../../audit/trail';
import type { TrailQuery } from '../../../audit/types';
import type { LookupEventsRequest, LookupEventsResponse } from '../../../protocol/generated/cloudtrail';
import { InvalidLookupAttributesException, InvalidMaxResultsException, InvalidNextTokenException, InvalidTimeRangeException } from '../../../protocol/errors';
import type { CloudTrailContext } from '../context';
import { lookupEvent } from '../history';

/** LookupEvents' page size: 50 by default and at most (API reference). */
const MAX_RESULTS = 50;
const MAX_ATTRIBUTE_VALUE = 2000;

/**
 * The event history of the caller's account and region, newest first. CloudTrail checks the
 * bounds of MaxResults and of the attribute value itself (the model lists its own exceptions for
 * them), and takes one lookup attribute only. Strongroom records no Insights events: asking for
 * them finds none, as on an account whose trails do not enable Insights.
 */
export async function LookupEvents(ctx: CloudTrailContext, input: LookupEventsRequest): Promise<LookupEventsResponse> {
  const attributes = input.LookupAttributes ?? [];
  if (attributes.length > 1) throw new InvalidLookupAttributesException('You cannot specify more than one lookup attribute.');
  const [attribute] = attributes;
  if (attribute && (attribute.AttributeValue.length < 1 || attribute.AttributeValue.length > MAX_ATTRIBUTE_VALUE)) {
    throw new InvalidLookupAttributesException(`The value of lookup attribute ${attribute.AttributeKey} must be between 1 and ${MAX_ATTRIBUTE_VALUE} characters.`);
  }
  const maxResults = input.MaxResults ?? MAX_RESULTS;
  if (maxResults < 1 || maxResults > MAX_RESULTS) throw new InvalidMaxResultsException(`MaxResults must be between 1 and ${MAX_RESULTS}.`);
  if (input.StartTime && input.EndTime && input.StartTime > input.EndTime) throw new InvalidTimeRangeException('Start time must not be after end time.');
  if (input.EventCategory === 'insight') return { Events: [] };

  const query: TrailQuery = {
    accountId: ctx.accountId,
    region: ctx.region,
    attribute: attribute && { key: attribute.AttributeKey, value: attribute.AttributeValue },
    startTime: input.StartTime,
    endTime: input.EndTime,
    maxResults,
    nextToken: input.NextToken,
  };
  try {
    const page = await ctx.trail.lookup(query);
    return { Events: page.events.map(lookupEvent), NextToken: page.nextToken };
  } catch (err) {
    // A token of another query (other filters or times), or none the trail handed out.
    if (err instanceof BadTrailToken) throw new InvalidNextTokenException('Invalid NextToken.');
    throw err;
  }
}
