import { QueryFailedError } from 'typeorm';
import { isInfrastructureFailure } from './infrastructure-error.js';

describe('isInfrastructureFailure', () => {
  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['ioredis with its offline queue off', new Error("Stream isn't writeable and enableOfflineQueue options is false")],
    ['ioredis on a closed connection', new Error('Connection is closed.')],
    ['a demoted master', new Error("READONLY You can't write against a read only replica.")],
    ['a cut PostgreSQL connection', new QueryFailedError('SELECT 1', [], new Error('Connection terminated unexpectedly'))],
    [
      'PostgreSQL shutting down',
      new QueryFailedError('SELECT 1', [], Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })),
    ],
    ['the pool timing out', new Error('timeout exceeded when trying to connect')],
    ['a non-Error thrown value, as graphql-js wraps it', Object.assign(new Error('Unexpected error value'), { thrownValue: { code: 'ECONNREFUSED' } })],
  ])('recognizes %s', (_what, error) => expect(isInfrastructureFailure(error)).toBe(true));

  it.each([
    ['a unique violation', new QueryFailedError('INSERT', [], Object.assign(new Error('duplicate key'), { code: '23505' }))],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['nothing', undefined],
  ])('leaves %s alone', (_what, error) => expect(isInfrastructureFailure(error)).toBe(false));
});
