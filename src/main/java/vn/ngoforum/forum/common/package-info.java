/**
 * The few things every room of the forum needs and none of them owns: ids ({@link vn.ngoforum.forum.common.Ids}),
 * a person as documents name them ({@link vn.ngoforum.forum.common.Person}), the internal "thread changed" event
 * ({@link vn.ngoforum.forum.common.ThreadChanges}), Unicode bidi controls taken out of what people type
 * ({@link vn.ngoforum.forum.common.Bidi}) and what every forum route reads from a request
 * ({@link vn.ngoforum.forum.common.Requests}).
 *
 * <p>They sit below the rooms so that the rooms depend on each other in one direction only: categories below
 * threads, threads below moderation and search, attachments and notifications beside them, common under all.
 */
package vn.ngoforum.forum.common;
