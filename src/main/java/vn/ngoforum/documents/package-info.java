/**
 * Files for people outside the forum: a plain {@link vn.ngoforum.documents.Document} (title, headings, paragraphs,
 * lists, tables) written as Word ({@link vn.ngoforum.documents.Docx}) or PDF ({@link vn.ngoforum.documents.Pdf}).
 * Knows no feature: a consultation's submission and a workshop's report are both built from it.
 */
package vn.ngoforum.documents;
