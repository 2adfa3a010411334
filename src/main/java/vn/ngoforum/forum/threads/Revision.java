package vn.ngoforum.forum.threads;

import java.time.Instant;

/** An earlier version of a post, kept when its author edited it: its HTML, since when and until when it showed. */
public record Revision(long version, String html, Instant at, Instant replacedAt) {
}
