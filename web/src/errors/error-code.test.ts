import { describe, expect, it } from '@jest/globals';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { conflictKindOf, errorCodeOf } from './error-code';

const apiError = (extensions: Record<string, unknown>) => new CombinedGraphQLErrors({ errors: [{ message: 'x', extensions }] });

describe('the API’s CONFLICTs told apart by their details', () => {
  it('a statement version that is no longer the current one is stale', () => {
    const e = apiError({ code: 'CONFLICT', currentVersionId: 'v2' });
    expect(errorCodeOf(e)).toBe('CONFLICT');
    expect(conflictKindOf(e)).toBe('stale');
  });

  it('a state that moved on, standing objections, and anything else', () => {
    expect(conflictKindOf(apiError({ code: 'CONFLICT', from: 'CIRCULATED', to: 'ADOPTED' }))).toBe('state');
    expect(conflictKindOf(apiError({ code: 'CONFLICT', status: 'SILENCE_PROCEDURE' }))).toBe('state');
    expect(conflictKindOf(apiError({ code: 'CONFLICT', objectingDelegationIds: ['d'] }))).toBe('objecting');
    // A meeting's optimistic version (expected/actual): the generic message, not a text's version.
    expect(conflictKindOf(apiError({ code: 'CONFLICT', expected: 3, actual: 4 }))).toBeNull();
  });
});
