import {
  companyWords,
  countries,
  departments,
  firstNames,
  freeMailDomains,
  industries,
  lastNames,
  regionOfCountry,
  seniorities,
  titleByDepartment,
} from './catalog';
import type { Random } from './random';

export type DemoCompany = {
  id: string;
  name: string;
  domain: string;
  industry: string;
  employees: number;
  country: string;
  region: string;
};

export type DemoPerson = {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  title: string;
  seniority: string;
  department: string;
  country: string;
  freeMail: boolean;
};

const employeeBands: readonly (readonly [readonly [number, number], number])[] = [
  [[10, 49], 25],
  [[50, 199], 30],
  [[200, 999], 25],
  [[1000, 4999], 14],
  [[5000, 50000], 6],
];

export function generateCompanies(
  random: Random,
  count: number,
  newId: () => string,
  reservedDomains: Iterable<string> = [],
): DemoCompany[] {
  const usedDomains = new Set(reservedDomains);
  const companies: DemoCompany[] = [];
  for (let index = 0; companies.length < count; index += 1) {
    const base = `${random.pick(companyWords.first)} ${random.pick(companyWords.second)}`;
    // Past the unique pairs, number them like real-world namesakes (Summit Energy 2).
    const name = index < 400 ? base : `${base} ${Math.floor(index / 400) + 1}`;
    const domain = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '')}.example`;
    if (usedDomains.has(domain)) continue;
    usedDomains.add(domain);
    const [min, max] = random.weighted(employeeBands);
    const country = random.weighted(countries);
    companies.push({
      id: newId(),
      name: `${name}${random.pick(companyWords.suffix)}`,
      domain,
      industry: random.weighted(industries),
      employees: random.int(min, max),
      country,
      region: regionOfCountry[country] ?? 'Other',
    });
  }
  return companies;
}

export function generatePerson(random: Random, company: DemoCompany, usedEmails: Set<string>): DemoPerson {
  const firstName = random.pick(firstNames);
  const lastName = random.pick(lastNames);
  const department = random.weighted(departments);
  const seniority = department === 'Student' ? 'Individual contributor' : random.weighted(seniorities);
  const freeMail = department === 'Student' || random.chance(0.08);
  const domain = freeMail ? random.pick(freeMailDomains) : company.domain;
  const local = `${firstName}.${lastName}`.toLowerCase();
  let email = `${local}@${domain}`;
  for (let n = 2; usedEmails.has(email); n += 1) email = `${local}${n}@${domain}`;
  usedEmails.add(email);
  return {
    firstName,
    lastName,
    email,
    phone: `+1 555 ${String(random.int(100, 999))} ${String(random.int(1000, 9999))}`,
    title: titleByDepartment[department]?.[seniority] ?? seniority,
    seniority,
    department,
    country: random.chance(0.85) ? company.country : random.weighted(countries),
    freeMail,
  };
}
