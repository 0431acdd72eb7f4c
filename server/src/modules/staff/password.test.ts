import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password';

describe('staff password hashing (scrypt)', () => {
  it('verifies the right password only, with a fresh salt each time and its cost in the record', async () => {
    const a = await hashPassword('Correct Horse 电池 Staple');
    const b = await hashPassword('Correct Horse 电池 Staple');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$32768\$8\$3\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]{44}$/);
    expect(await verifyPassword('Correct Horse 电池 Staple', a)).toBe(true);
    expect(await verifyPassword('Correct Horse 电池 staple', a)).toBe(false);
    expect(await verifyPassword('', a)).toBe(false);
  });

  it('refuses records it does not understand', async () => {
    expect(await verifyPassword('x', 'sha256$abc')).toBe(false);
    expect(await verifyPassword('x', '')).toBe(false);
  });
});
