/**
 * The export for the authority: the joint submission (statement, adopted amendments with current and proposed
 * wording, endorsing organisations, signatories) as Word or PDF in Vietnamese or English, and the secretariat's CSV
 * of every comment and amendment. Moderators only.
 */
package vn.ngoforum.consultations.export;
