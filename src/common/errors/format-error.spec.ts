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
