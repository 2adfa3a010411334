/**
 * What the registry keeps, shared by its rooms: the {@link vn.ngoforum.registry.organisations.Organisation} and
 * {@link vn.ngoforum.registry.organisations.Membership} records, the repositories that alone read and write their
 * documents, and the two questions every room asks first ("does it exist?", "is this person one of its admins?").
 */
package vn.ngoforum.registry.organisations;
