import { describe, expect, it } from 'vitest';
import { maskEmail, maskName, maskPhone, maskReporter } from '../../functions/domain/masking.js';

describe('masking reporter details for staff', () => {
  it.each([
    ['王小明', '王**'],
    ['王明', '王*'],
    ['欧阳娜娜', '欧***'],
    ['Li', 'L*'],
  ])('name %s → %s', (name, masked) => expect(maskName(name)).toBe(masked));

  it.each([
    ['13812345678', '138****5678'],
    ['138 1234 5678', '138****5678'],
    ['12345', '*****'],
  ])('phone %s → %s', (phone, masked) => expect(maskPhone(phone)).toBe(masked));

  it('keeps the e-mail domain and the first letter', () => {
    expect(maskEmail('wang@example.cn')).toBe('w***@example.cn');
    expect(maskEmail('broken')).toBe('***');
  });

  it('masks only the fields present', () => {
    expect(maskReporter({ phone: '13812345678' })).toEqual({
      name: undefined,
      phone: '138****5678',
      email: undefined,
    });
  });
});
