/**
 * Policy texts split into their numbered parts (chapters, sections, articles, clauses, points), Vietnamese or
 * English; pure code, no I/O.
 */
package vn.ngoforum.consultations.text;
