/*
 * Bilingual content ({vi, en}) in the page's language. (The page's own words come from data-text-* attributes
 * of its elements, rendered by the server in the page's language.)
 */

/** A bilingual field in lang ('vi' or 'en'), falling back to the other language, or ''. */
export function localised(field, lang) {
  if (!field) {
    return '';
  }
  return (lang === 'en' ? field.en || field.vi : field.vi || field.en) || '';
}
