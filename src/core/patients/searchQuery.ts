/**
 * Turns what staff type into search terms: names and MRNs as lower-case fragments, and dates of
 * birth in either `YYYY-MM-DD` or US `MM/DD/YYYY` normalised to ISO, as stored in the search text.
 */
export const searchTerms = (q: string): string[] =>
  q
    .trim()
    .toLowerCase()
    .split(/[\s,]+/)
    .filter((term) => term.length > 0)
    .map((term) => {
      const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(term);
      if (us) return `${us[3]}-${us[1]?.padStart(2, '0')}-${us[2]?.padStart(2, '0')}`;
      return term;
    })
    .slice(0, 6);
