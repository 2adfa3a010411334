/**
 * The forum admins' work on the registry: suspending, reinstating and removing organisations, each with a reason in
 * the audit log (editing one is the profile form's, with a reason: {@code profiles}).
 */
package vn.ngoforum.registry.admin;
