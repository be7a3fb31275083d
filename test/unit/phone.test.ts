import { describe, expect, it } from 'vitest';
import { normalizePhone } from '../../functions/domain/phone.js';

describe('reporter phone numbers', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['0086-138-1234-5678', '13812345678'],
    ['１３８１２３４５６７８', '13812345678'],
    ['023-43721234', '023-43721234'],
    ['0234372 1234', '023-43721234'],
    ['(023) 4372-1234', '023-43721234'],
    ['０２３－４３７２１２３４', '023-43721234'],
    ['010 6512 3456', '010-65123456'],
    ['0756-2345678', '0756-2345678'],
    ['07562345678', '0756-2345678'],
  ])('%s → %s', (input, canonical) => {
    // Act / Assert
    expect(normalizePhone(input)).toBe(canonical);
  });

  it.each(['12345', '12812345678', '4372123', '023-437212345', '00-12345678', 'abc', ''])(
    '%s is refused',
    (input) => {
      // Act / Assert
      expect(normalizePhone(input)).toBeUndefined();
    },
  );
});
