package vn.ngoforum.forum.moderation;

import java.time.Instant;
import vn.ngoforum.forum.common.Person;

/**
 * A reader's report that a post needs a moderator's look: the post and its thread, why, by whom, when, and whether
 * it is still {@code open} or {@code resolved}. One per person and post: its id is {@code postId-userId}.
 */
public record Flag(String id, String postId, String threadId, String reason, Person by, Instant at,
    String status) {

  static final String OPEN = "open";
}
