/**
 * The workshop report: a session's or a whole event's agenda, speakers, questions by votes with their answers, the
 * unanswered ones, poll results, rapporteurs' notes, the organisations that took part (with their verified badge) and
 * counts, as Word or PDF in Vietnamese or English, for the moderators. Anonymous askers are never named in it.
 */
package vn.ngoforum.qa.report;
