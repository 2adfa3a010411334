/**
 * Rapporteurs' live notes: the people a moderator names for a session (and moderators) write note blocks, which
 * attendees read on the session page and receive live on {@code qa.session.{id}}; each block is edited by its author
 * only, and keeps every earlier version for the moderators. The workshop report quotes them.
 */
package vn.ngoforum.qa.notes;
