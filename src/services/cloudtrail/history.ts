// A trail event as LookupEvents lists it: the lookup fields CloudTrail derives from the record,
// and the record itself as a JSON string (CloudTrailEvent).
import { usernameOf } from '../../audit/trail';
import type { TrailEvent } from '../../audit/types';
import type { Event } from '../../protocol/generated/cloudtrail';

export function lookupEvent(event: TrailEvent): Event {
  return {
    EventId: event.eventID,
    EventName: event.eventName,
    // A string on the wire ("true"/"false"), as the ReadOnly lookup attribute takes it.
    ReadOnly: String(event.readOnly),
    AccessKeyId: event.userIdentity.accessKeyId || undefined,
    EventTime: new Date(event.eventTime),
    EventSource: event.eventSource,
    Username: usernameOf(event),
    // AWS lists `[]` for an event without resources, and names a resource by its ARN.
    Resources: (event.resources ?? []).map((resource) => ({ ResourceType: resource.type, ResourceName: resource.ARN })),
    CloudTrailEvent: JSON.stringify(event),
  };
}
