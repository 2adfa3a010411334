package vn.ngoforum.search;

import java.time.Instant;

/**
 * One numbered change of a findable thing: "thread t1 changed". It names what changed, not how; the index reads
 * the thing's current state from its source, so applying a change twice, or late, is harmless.
 *
 * @param seq the forum-wide number of the change, from 1, without gaps except where a writer died between taking
 *     a number and writing the change
 * @param kind the kind of the thing
 * @param id its id
 * @param at when the change was recorded
 */
public record Change(long seq, String kind, String id, Instant at) {
}
