/**
 * The joint statement of a consultation: written by moderators (introduction, the adopted amendments, conclusion),
 * signed by admins of verified organisations for their organisation, withdrawable until the consultation closes.
 */
package vn.ngoforum.consultations.statement;
