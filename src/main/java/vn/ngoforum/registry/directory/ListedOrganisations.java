package vn.ngoforum.registry.directory;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import vn.ngoforum.registry.organisations.Organisation;
import vn.ngoforum.registry.organisations.OrganisationRepository;

/**
 * The directory's read model on this node: every listed organisation with the folded words it is found by, kept in
 * memory (a few hundred small records; ten thousand would still be a few megabytes) and filtered, sorted and counted
 * there. A request reads only the collection's version, by key; the organisations are read again (a scan of one
 * small collection, shared by the requests that arrive meanwhile) only when a write moved that version, on any node.
 */
final class ListedOrganisations {

  /** A listed organisation as the directory filters and sorts it. */
  record Entry(Organisation organisation, Set<String> words, String sortKey) {

    static final Comparator<Entry> BY_NAME = Comparator.comparing(Entry::sortKey)
        .thenComparing(entry -> entry.organisation().slug());
    static final Comparator<Entry> NEWEST = Comparator.comparing((Entry entry) -> created(entry),
        Comparator.reverseOrder()).thenComparing(entry -> entry.organisation().slug());

    static Entry of(Organisation organisation) {
      return new Entry(organisation, organisation.profile().words(), organisation.profile().sortKey());
    }

    private static Instant created(Entry entry) {
      return entry.organisation().createdAt() == null ? Instant.EPOCH : entry.organisation().createdAt();
    }
  }

  /** The organisations as read at {@code version}, by name. */
  private record Snapshot(long version, List<Entry> byName) {
  }

  private final OrganisationRepository organisations;
  private Snapshot kept = new Snapshot(-1, List.of());
  /** The read under way, so that requests arriving during it share it. */
  private Future<Snapshot> reading;
  private long readingVersion = -1;

  ListedOrganisations(OrganisationRepository organisations) {
    this.organisations = organisations;
  }

  /** The listed organisations by name, as they are now. */
  Future<List<Entry>> byName() {
    return organisations.version().compose(this::at).map(Snapshot::byName);
  }

  private synchronized Future<Snapshot> at(long version) {
    if (kept.version() == version) {
      return Future.succeededFuture(kept);
    }
    if (reading != null && readingVersion == version) {
      return reading;
    }
    // The version is read before the organisations, so a write during the read only makes the next request read
    // again; it never leaves a newer version on older data.
    Future<Snapshot> read = organisations.listed().map(listed -> new Snapshot(version,
        listed.stream().map(Entry::of).sorted(Entry.BY_NAME).toList()));
    reading = read;
    readingVersion = version;
    return read.onComplete(done -> keep(read, done.succeeded() ? done.result() : null));
  }

  private synchronized void keep(Future<Snapshot> read, Snapshot snapshot) {
    if (snapshot != null && snapshot.version() > kept.version()) {
      kept = snapshot;
    }
    if (reading == read) {
      reading = null;
      readingVersion = -1;
    }
  }
}
