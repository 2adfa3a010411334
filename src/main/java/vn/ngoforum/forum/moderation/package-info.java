/**
 * Moderation: moderators hide and show posts, lock, pin and move threads (each action in the audit log and
 * announced to the thread's followers); readers flag posts into the moderators' review queue.
 */
package vn.ngoforum.forum.moderation;
