import { describe, expect, it } from 'vitest';
import { contactFromTraits, emailInEvent } from './contact-from-traits';
import { companyDomainOf } from './free-mail-domains';

describe('reading Segment traits into contact fields', () => {
  it('reads spec names, snake case and a company object', () => {
    expect(
      contactFromTraits({
        email: ' Jon.Doe@Brightforge.example ',
        first_name: 'Jon',
        lastName: 'Doe',
        title: 'Director of Operations',
        company: { name: 'Brightforge', industry: 'Manufacturing', employee_count: 850 },
        address: { country: 'United States', city: 'Dayton' },
        favouriteColour: 'blue',
      }),
    ).toEqual({
      email: 'jon.doe@brightforge.example',
      firstName: 'Jon',
      lastName: 'Doe',
      title: 'Director of Operations',
      companyName: 'Brightforge',
      industry: 'Manufacturing',
      employees: 850,
      country: 'United States',
      city: 'Dayton',
    });
  });

  it('splits a full name, ignores invalid emails and empty values', () => {
    expect(contactFromTraits({ name: 'Joe Q. Blow', email: 'not-an-email', phone: '' })).toEqual({
      firstName: 'Joe',
      lastName: 'Q. Blow',
    });
  });

  it('finds the email a form submit or tagged call carries', () => {
    expect(emailInEvent({ fields: { email: 'A@B.example' } }, {})).toBe('a@b.example');
    expect(emailInEvent({}, { traits: { email: 'c@d.example' } })).toBe('c@d.example');
    expect(emailInEvent({ email: 'nope' }, {})).toBeUndefined();
  });

  it('knows a company domain from a free-mail one', () => {
    expect(companyDomainOf('jon@brightforge.example')).toBe('brightforge.example');
    expect(companyDomainOf('jon@gmail.com')).toBeNull();
    expect(companyDomainOf('broken')).toBeNull();
  });
});
