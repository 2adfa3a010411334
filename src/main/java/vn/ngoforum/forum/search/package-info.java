/**
 * Search: threads whose title or visible posts hold every word of a query, compared folded (Vietnamese with or
 * without diacritics), with a snippet around the first match.
 */
package vn.ngoforum.forum.search;
