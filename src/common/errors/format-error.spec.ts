import { describe, expect, it } from '@jest/globals';
import { GraphQLError } from 'graphql';
import { formatGraphQLError, withoutSuggestions } from './format-error.js';

describe('formatGraphQLError: suggestions', () => {
  it('drops every "Did you mean …?" of a message and keeps the rest', () => {
    expect(withoutSuggestions('Cannot query field "meetingz" on type "Query". Did you mean "meeting" or "meetings"?')).toBe(
      'Cannot query field "meetingz" on type "Query".',
    );
    expect(
      withoutSuggestions('Variable "$f" got invalid value { kinds: "x" }; Field "kinds" is not defined by type "DelegationFilter". Did you mean "kind"?'),
    ).toBe('Variable "$f" got invalid value { kinds: "x" }; Field "kinds" is not defined by type "DelegationFilter".');
    expect(
      withoutSuggestions(
        'Value "OPN" does not exist in "Status" enum. Did you mean the enum value "OPEN"? Field "x" is unknown. Did you mean "y", "z", or "w"?',
      ),
    ).toBe('Value "OPN" does not exist in "Status" enum. Field "x" is unknown.');
    expect(withoutSuggestions('Is this a question? No.')).toBe('Is this a question? No.');
  });

  it('hides them only when told to (production)', () => {
    const error = new GraphQLError('Cannot query field "meetingz" on type "Query". Did you mean "meetings"?', {
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    const format = (hideSuggestions: boolean) => formatGraphQLError(error.toJSON(), error, { exposeInternals: false, hideSuggestions }).message;
    expect(format(true)).toBe('Cannot query field "meetingz" on type "Query".');
    expect(format(false)).toMatch(/Did you mean "meetings"\?$/);
  });
});

describe('formatGraphQLError: a dependency away', () => {
  it('answers SERVICE_UNAVAILABLE without the driver message, for Redis and PostgreSQL alike', () => {
    for (const cause of [
      new Error("Stream isn't writeable and enableOfflineQueue options is false"),
      Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432'), { code: 'ECONNREFUSED' }),
    ]) {
      const error = new GraphQLError(cause.message, { originalError: cause, path: ['addMember'] });
      const formatted = formatGraphQLError(error.toJSON(), error, { exposeInternals: true, hideSuggestions: false });
      expect(formatted.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE' });
      expect(formatted.message).not.toContain(cause.message);
      expect(formatted.path).toEqual(['addMember']);
    }
  });

  it('leaves a bug an internal error', () => {
    const error = new GraphQLError('x', { originalError: new TypeError("Cannot read properties of undefined (reading 'id')") });
    expect(formatGraphQLError(error.toJSON(), error, { exposeInternals: false, hideSuggestions: false }).extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });
});
