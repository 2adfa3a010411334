/**
 * Amendments to a consultation's clauses: proposed wording shown as a word-level diff, supported by people (once
 * each), endorsed by verified organisations, adopted into the joint position or declined by moderators.
 */
package vn.ngoforum.consultations.amendments;
