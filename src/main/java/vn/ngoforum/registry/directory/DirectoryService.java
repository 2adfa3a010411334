package vn.ngoforum.registry.directory;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.registry.directory.ListedOrganisations.Entry;
import vn.ngoforum.registry.organisations.Organisation;
import vn.ngoforum.registry.organisations.OrganisationRepository;
import vn.ngoforum.text.VietnameseText;

/**
 * The NGO directory, the public face of the registry: finding organisations by words, province (any spelling,
 * pre-2025 names included), focus area and verification, a page at a time; how many work where and on what; and
 * the whole list for forum admins. Answered from the node's {@link ListedOrganisations}, never by filtering the
 * collection.
 */
public final class DirectoryService {

  /** The most organisations one page of the directory (page or API) may carry. */
  public static final int MAX_PAGE_SIZE = 100;
  /** The most organisations the CSV export lists. */
  static final int MAX_EXPORT = 10_000;

  private final ListedOrganisations listed;
  private final ReferenceData reference = ReferenceData.get();

  /** One page of the directory, with the totals. */
  public record Results(List<Organisation> organisations, long total, int page, long pages, int pageSize) {

    /** No organisation at all (a filter that names nothing known). */
    public static Results none(int pageSize) {
      return new Results(List.of(), 0, 1, 1, pageSize);
    }
  }

  public DirectoryService(OrganisationRepository organisations) {
    this.listed = new ListedOrganisations(organisations);
  }

  public ReferenceData reference() {
    return reference;
  }

  /**
   * One page of the directory: organisations matching all the given filters (each may be {@code null}). A page
   * past the end is empty (with the totals). 400 when a province or focus area names nothing known.
   *
   * @param q        words of the name, acronym or description, any diacritics
   * @param province a province or city, by code or by any name, pre-2025 names included
   * @param focus    a focus area by code or name
   * @param verified {@code true} or {@code false} to keep only (un)verified ones
   * @param sort     {@code name} (default) or {@code newest}
   * @param page     1-based page number
   * @param pageSize organisations per page, 1 to {@value #MAX_PAGE_SIZE}
   */
  public Future<Results> search(String q, String province, String focus, Boolean verified, String sort, int page,
      int pageSize) {
    List<String> words = VietnameseText.tokens(q);
    String provinceCode = known(province, reference::province, Province::code,
        "'province' is not one of the 34 provinces and cities (a pre-2025 name also works).");
    String focusCode = known(focus, reference::focusArea, FocusArea::code, "'focus' is not a known focus area.");
    Predicate<Entry> wanted = entry -> entry.words().containsAll(words)
        && (provinceCode == null || provinceCode.equals(entry.organisation().profile().province()))
        && (focusCode == null || entry.organisation().profile().focusAreas().contains(focusCode))
        && (verified == null || verified == entry.organisation().verified());
    int size = Math.max(1, Math.min(MAX_PAGE_SIZE, pageSize));
    int number = Math.max(1, page);
    long skip = (long) (number - 1) * size;
    if (skip > Integer.MAX_VALUE) {
      throw ForumException.invalid("'page' is too large.");
    }
    return listed.byName().map(all -> {
      Stream<Entry> found = all.stream().filter(wanted);
      List<Entry> matching = ("newest".equals(sort) ? found.sorted(Entry.NEWEST) : found).toList();
      long total = matching.size();
      List<Organisation> shown = matching.stream().skip(skip).limit(size).map(Entry::organisation).toList();
      return new Results(shown, total, number, total == 0 ? 1 : (total + size - 1) / size, size);
    });
  }

  /** Every organisation by name, for the forum admins' export. */
  public Future<List<Organisation>> everyOrganisation() {
    return listed.byName().map(all -> all.stream().limit(MAX_EXPORT).map(Entry::organisation).toList());
  }

  /**
   * How many organisations work in each province and each focus area, most first:
   * {@code {provinces:[{code, name, count}], focusAreas:[{code, name, count}]}}.
   */
  public Future<JsonObject> counts() {
    return listed.byName().map(all -> {
      Map<String, Integer> provinces = new HashMap<>();
      Map<String, Integer> focusAreas = new HashMap<>();
      for (Entry entry : all) {
        String code = entry.organisation().profile().province();
        if (code != null) {
          provinces.merge(code, 1, Integer::sum);
        }
        entry.organisation().profile().focusAreas().forEach(area -> focusAreas.merge(area, 1, Integer::sum));
      }
      return new JsonObject()
          .put("provinces", rows(provinces, known -> reference.province(known).map(Province::toJson)))
          .put("focusAreas", rows(focusAreas, known -> reference.focusArea(known).map(FocusArea::toJson)));
    });
  }

  private static JsonArray rows(Map<String, Integer> counts, Function<String, Optional<JsonObject>> known) {
    return new JsonArray(counts.entrySet().stream()
        .flatMap(count -> known.apply(count.getKey()).stream().map(item -> item.put("count", count.getValue())))
        .sorted(Comparator.comparing((JsonObject row) -> -row.getInteger("count")))
        .toList());
  }

  /** The code of what {@code name} designates; {@code null} for no filter; 400 when it designates nothing. */
  private static <T> String known(String name, Function<String, Optional<T>> find, Function<T, String> code,
      String otherwise) {
    if (name == null || name.isBlank()) {
      return null;
    }
    return find.apply(name).map(code).orElseThrow(() -> ForumException.invalid(otherwise));
  }
}
