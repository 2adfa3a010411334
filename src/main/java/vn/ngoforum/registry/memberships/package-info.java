/**
 * Who belongs where: asking to join, the organisation admins' decisions, leaving, and verification by forum admins,
 * which is what turns an approved membership into forum member rights. The registry answers the rest of the forum
 * here, as {@link vn.ngoforum.auth.Memberships}.
 */
package vn.ngoforum.registry.memberships;
