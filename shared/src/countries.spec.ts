import { COUNTRY_CODES, countryChoices, countryName, isCountryCode } from './countries.js';

describe('countries', () => {
  it('names a country by its code, and keeps a code it does not know', () => {
    expect(countryName('DE')).toBe('Germany');
    expect(countryName('gb')).toBe('United Kingdom');
    expect(countryName('ZZ')).toBe('ZZ');
    expect(countryName(null)).toBe('');
  });

  it('offers every code once, by name, in alphabetical order', () => {
    const choices = countryChoices();
    expect(choices).toHaveLength(COUNTRY_CODES.length);
    expect(new Set(choices.map((c) => c.id)).size).toBe(COUNTRY_CODES.length);
    const names = choices.map((c) => c.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
    expect(choices.find((c) => c.id === 'US')?.name).toBe('United States');
    // Every code has a name of its own, not the code again.
    expect(choices.filter((c) => c.name === c.id)).toEqual([]);
  });

  it('knows the codes the server accepts', () => {
    expect(isCountryCode('DE')).toBe(true);
    expect(isCountryCode('de')).toBe(true);
    expect(isCountryCode('XX')).toBe(false);
    expect(isCountryCode(42)).toBe(false);
  });
});
