// errorMessage: the server's sentence, with the field issues of a validation failure.
import { BidwireError } from '@bidwire/sdk';
import { describe, expect, it } from 'vitest';
import { errorMessage } from './errors.js';

describe('errorMessage', () => {
  it('is the server’s message, plus each field issue for VALIDATION_FAILED', () => {
    expect(errorMessage(new BidwireError({ code: 'BID_TOO_LOW', command: 'placeBid', message: 'Bid must be higher than the current bid (1400)' }))).toBe(
      'Bid must be higher than the current bid (1400)',
    );
    const invalid = new BidwireError({
      code: 'VALIDATION_FAILED',
      command: 'requestOtp',
      message: 'Invalid request body.',
      details: { issues: [{ path: 'phone', message: 'Phone must be in E.164 format, e.g. +15551234567', code: 'invalid_format' }, { path: '(root)', message: 'Too many fields' }] },
    });
    expect(errorMessage(invalid)).toBe('Invalid request body. (phone: Phone must be in E.164 format, e.g. +15551234567; Too many fields)');
  });

  it('falls back to any error’s message, then to a generic sentence', () => {
    expect(errorMessage(new Error('offline'))).toBe('offline');
    expect(errorMessage('???')).toBe('Something went wrong.');
  });
});
