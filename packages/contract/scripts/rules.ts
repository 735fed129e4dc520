// The breaking-change rules of `pnpm contract:check`, named after their nearest Buf rule where one exists.
// Buf's WIRE_JSON category protects JSON encoding: names are the wire identity there as here. Where our
// contract knows more than a Protobuf message does (which side sends it), the rule follows the direction.
// packages/contract/README.md explains each one.

export const RULES = {
  COMMAND_NO_DELETE: 'A command was removed or renamed: clients still send it.',
  EVENT_NO_DELETE: 'An event was removed or renamed: clients still listen for it.',
  ROUTE_NO_DELETE: 'A REST route was removed or renamed: clients still call it.',
  ROUTE_SAME_ENDPOINT: 'A REST route changed its method or path.',
  ROUTE_SAME_STATUS: 'A REST route changed its success status.',
  ROUTE_NO_STRICTER_AUTH: 'A REST route now needs a credential it did not, or another kind.',
  COMMAND_SAME_IDEMPOTENCY: 'A command changed whether sending it twice is safe (the SDK resends idempotent ones).',
  COMMAND_SAME_ROOMS: 'A command changed the room it joins or leaves (the SDK rejoins rooms by it).',
  EVENT_SAME_DELIVERY: 'An event changed its scope or room (who receives it, whether it carries seq).',
  ERROR_NO_ADD: 'A command can answer an error code it could not before: clients handle a fixed list.',
  ERROR_NO_DELETE: 'A command no longer declares an error code: typed clients that compare with it stop compiling.',
  FIELD_NO_DELETE: 'A field was removed or renamed.',
  FIELD_NO_NEW_REQUIRED: 'A request has a new required field: existing clients do not send it.',
  FIELD_NO_MAKE_REQUIRED: 'An optional request field became required: existing clients may omit it.',
  FIELD_NO_MAKE_OPTIONAL: 'A response or event field became optional: clients rely on it being there.',
  ENUM_VALUE_NO_DELETE: 'An allowed value was removed (from a request: senders break; from a response: typed clients and stored data still have it).',
  ENUM_VALUE_NO_ADD: 'A response or event can carry a value it could not before: an exhaustive switch breaks.',
  TYPE_NO_NARROW: 'A request accepts less than before (type, nullability, range, length, pattern): existing clients send what it now refuses.',
  TYPE_NO_WIDEN: 'A response or event may carry more than before (type, nullability, range, length): clients do not expect it.',
  DEFAULT_SAME: 'A request field changed its default: clients that omit it get another behaviour.',
  UNJUDGED: 'A schema changed in a way contract:check cannot judge (keyword it does not compare): treated as breaking.',
} as const;

export type RuleId = keyof typeof RULES;

export interface Change {
  rule: RuleId | 'ADDITIVE';
  breaking: boolean;
  /** Where: `command placeBid request .amount`. */
  where: string;
  message: string;
}

export const breaking = (rule: RuleId, where: string, message: string): Change => ({ rule, breaking: true, where, message });
export const additive = (where: string, message: string): Change => ({ rule: 'ADDITIVE', breaking: false, where, message });
