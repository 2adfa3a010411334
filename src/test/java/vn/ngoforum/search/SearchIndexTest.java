package vn.ngoforum.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.ngoforum.error.ForumException;

/** Search in Vietnamese as readers type it, only among what they may see, and listings that need no scan. */
class SearchIndexTest {

  private static final Set<String> PUBLIC = Set.of("public");
  private SearchIndex index = SearchIndex.inMemory();

  @AfterEach
  void close() throws IOException {
    index.close();
  }

  @Test
  @DisplayName("a search without diacritics finds text written with them: tones, hooks and đ are folded")
  void withoutDiacritics() throws IOException {
    put(post("1", "Buôn bán sừng tê giác ở Đồng Nai"), post("2", "Bảo vệ động vật hoang dã"));
    assertEquals(List.of("1"), ids("te giac"));
    assertEquals(List.of("1"), ids("dong nai"));
    assertEquals(List.of("2"), ids("dong vat"));
    assertEquals(List.of("1"), ids("SỪNG"), "upper case");
  }

  @Test
  @DisplayName("a search typed with the right diacritics ranks the texts that have them first")
  void exactDiacriticsRankFirst() throws IOException {
    put(post("plain", "Gặp nhau tại te giac café"), post("exact", "Gặp nhau tại tê giác café"),
        post("other", "Gặp nhau tại tế giác café"));
    assertEquals("exact", ids("tê giác").get(0));
    assertEquals(3, ids("tê giác").size(), "the others are still found");
  }

  @Test
  @DisplayName("text typed on a keyboard that sends combining marks is the same word")
  void decomposedText() throws IOException {
    String decomposed = Normalizer.normalize("sừng tê giác", Normalizer.Form.NFD);
    put(post("1", decomposed), post("2", "không liên quan"));
    assertEquals(List.of("1"), ids("sừng tê giác"));
    assertEquals(List.of("1"), ids(Normalizer.normalize("tê", Normalizer.Form.NFD)));
  }

  @Test
  @DisplayName("a quoted phrase needs its words together and in order; plain words need all of them anywhere")
  void phrases() throws IOException {
    put(post("together", "chống buôn bán tê giác trái phép"), post("apart", "tê tê và giác quan"),
        post("one", "chỉ có tê tê"));
    assertEquals(List.of("together"), ids("\"tê giác\""));
    assertEquals(List.of("together"), ids("\"te giac\""), "a phrase without diacritics too");
    assertEquals(Set.of("together", "apart"), Set.copyOf(ids("tê giác")));
    assertEquals(List.of("together"), ids("buôn \"tê giác\""));
    assertEquals(List.of("together"), ids("\"tê giác"), "an unclosed quote is a phrase to the end");
  }

  @Test
  @DisplayName("a title match ranks above a match in the text only")
  void titlesFirst() throws IOException {
    index.put(List.of(new Findable("thread", "text", "public", "Họp tháng ba", "nói về rừng ngập mặn",
            Instant.EPOCH, null, null, null),
        new Findable("thread", "title", "public", "Rừng ngập mặn Cà Mau", "họp tháng ba", Instant.EPOCH,
            null, null, null)));
    index.refresh();
    assertEquals(List.of("title", "text"), ids("rung ngap man"));
  }

  @Test
  @DisplayName("nothing outside the reader's scopes is found, and a reader with none finds nothing")
  void onlyWhatTheReaderMaySee() throws IOException {
    index.put(List.of(new Findable("post", "open", "public", "", "tê giác", Instant.EPOCH, null, null, null),
        new Findable("post", "members", "category:members", "", "tê giác", Instant.EPOCH, null, null, null)));
    index.refresh();
    assertEquals(List.of("open"), ids("tê giác"));
    assertEquals(Set.of("open", "members"),
        Set.copyOf(hits(Search.of("tê giác", Set.of("public", "category:members")))));
    assertEquals(0, index.search(Search.of("tê giác", Set.of())).total());
  }

  @Test
  @DisplayName("results show the words found highlighted, and the text escaped")
  void highlights() throws IOException {
    index.put(List.of(new Findable("post", "1", "public", "Sừng tê giác", "Có <script>x</script> và tê giác.",
        Instant.EPOCH, null, null, Map.of("thread", "t1"))));
    index.refresh();
    Found.Hit hit = index.search(Search.of("te giac", PUBLIC)).hits().get(0);
    assertEquals("Sừng <mark>tê</mark> <mark>giác</mark>", hit.title());
    assertTrue(hit.snippet().contains("&lt;script&gt;"), hit.snippet());
    assertTrue(hit.snippet().contains("<mark>tê</mark> <mark>giác</mark>"), hit.snippet());
    assertEquals(Map.of("thread", "t1"), hit.shown());
  }

  @Test
  @DisplayName("filters by kind, tag and date narrow a search")
  void filters() throws IOException {
    Instant march = Instant.parse("2026-03-01T00:00:00Z");
    Instant june = Instant.parse("2026-06-01T00:00:00Z");
    index.put(List.of(
        new Findable("thread", "a", "public", "rừng", "", march, Map.of("category", "policy"), null, null),
        new Findable("post", "b", "public", "", "rừng", june, Map.of("category", "policy"), null, null),
        new Findable("post", "c", "public", "", "rừng", june, Map.of("category", "field"), null, null)));
    index.refresh();
    // A kind holding few of the entries narrows as a filter clause, one holding most of them hit by hit: both exact.
    assertEquals(List.of("a"), hits(Search.of("rung", PUBLIC).kinds("thread")));
    assertEquals(Set.of("b", "c"), Set.copyOf(hits(Search.of("rung", PUBLIC).kinds("post"))));
    assertEquals(Set.of("a", "b", "c"), Set.copyOf(hits(Search.of("rung", PUBLIC).kinds("thread", "post"))));
    assertEquals(List.of(), hits(Search.of("rung", PUBLIC).kinds("question", "organisation")));
    assertEquals(Set.of("a", "b"), Set.copyOf(hits(Search.of("rung", PUBLIC).tags(Map.of("category", "policy")))));
    assertEquals(Set.of("b", "c"), Set.copyOf(hits(Search.of("rung", PUBLIC).between(june, null))));
    assertEquals(List.of("a"), hits(Search.of("rung", PUBLIC).between(null, june)));
  }

  @Test
  @DisplayName("a listing sorts by its order numbers, pages deep, and counts exactly")
  void listings() throws IOException {
    for (int i = 0; i < 50; i++) {
      index.put(List.of(new Findable("thread", "t" + i, "public", "Chủ đề " + i, "", Instant.EPOCH,
          Map.of("category", i % 2 == 0 ? "even" : "odd"), Map.of("pinned", i == 7 ? 1L : 0L, "activity", (long) i),
          null)));
    }
    index.refresh();
    Found first = index.list(new Listing("thread", PUBLIC, Map.of("category", "odd"), List.of("pinned", "activity"),
        0, 3));
    assertEquals(25, first.total());
    assertEquals(List.of("t7", "t49", "t47"), first.hits().stream().map(Found.Hit::id).toList());
    Found deep = index.list(new Listing("thread", PUBLIC, Map.of("category", "odd"), List.of("pinned", "activity"),
        23, 5));
    assertEquals(List.of("t3", "t1"), deep.hits().stream().map(Found.Hit::id).toList());
  }

  @Test
  @DisplayName("a listing continues after a hit's cursor and before it, and reads its last entries backwards, in the"
      + " listing's order, over entries of equal numbers too, with entries of other kinds between")
  void listingCursors() throws IOException {
    List<Findable> entries = new java.util.ArrayList<>();
    for (int i = 0; i < 300; i++) {
      // Two entries a number (ties by key), and posts without the number between them.
      entries.add(new Findable("thread", String.format("t%03d", i), "public", "Chủ đề " + i, "", Instant.EPOCH,
          Map.of("category", "c"), Map.of("listed", (long) (i / 2)), null));
      entries.add(new Findable("post", "p" + i, "public", "", "rừng", Instant.EPOCH, Map.of("category", "c"),
          Map.of("written", (long) i), null));
    }
    index.put(entries);
    index.refresh();
    Listing listing = new Listing("thread", PUBLIC, Map.of("category", "c"), List.of("listed"), 0, 7);
    List<String> whole = index.list(listing.withLimit(200).withOffset(0)).hits().stream().map(Found.Hit::id)
        .toList();
    List<String> all = new java.util.ArrayList<>(whole);
    all.addAll(index.list(listing.withLimit(100).withOffset(200)).hits().stream().map(Found.Hit::id).toList());
    assertEquals(List.of("t298", "t299", "t296", "t297"), all.subList(0, 4), "highest first, ties by key");

    List<String> forwards = new java.util.ArrayList<>();
    String cursor = null;
    for (int page = 0; page < 50; page++) {
      Found found = index.list(listing.after(cursor));
      assertEquals(300, found.total());
      found.hits().forEach(hit -> forwards.add(hit.id()));
      if (found.hits().size() < 7) {
        break;
      }
      cursor = found.hits().get(6).cursor();
    }
    assertEquals(all, forwards, "after, after...: each once, in order");

    Found last = index.list(listing.before(null));
    assertEquals(all.subList(293, 300), last.hits().stream().map(Found.Hit::id).toList(), "the last ones, in order");
    assertEquals(all.subList(290, 297), index.list(listing.before(null).withOffset(3)).hits().stream()
        .map(Found.Hit::id).toList(), "three from the end");
    List<String> backwards = new java.util.ArrayList<>();
    for (Found found = last; ; found = index.list(listing.before(cursor))) {
      List<String> shown = found.hits().stream().map(Found.Hit::id).toList();
      backwards.addAll(0, shown);
      if (shown.size() < 7) {
        break;
      }
      cursor = found.hits().get(0).cursor();
    }
    assertEquals(all, backwards, "before, before...: each once, in order");
    ForumException refused = org.junit.jupiter.api.Assertions.assertThrows(ForumException.class,
        () -> index.list(listing.after("bm90LWEtY3Vyc29y")));
    assertEquals(400, refused.status());
  }

  @Test
  @DisplayName("a phrase in every entry is not checked in every entry: once the page is full, the search skips what"
      + " cannot rank above it (equal scores too), and pages by cursor still give each hit once")
  void phraseSkipsTies() throws IOException {
    List<Findable> same = new java.util.ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      same.add(post(String.format("p%04d", i), "Đội kiểm lâm tuần tra rừng phòng hộ"));
    }
    put(same.toArray(Findable[]::new));
    Search phrase = Search.of("\"kiểm lâm\"", PUBLIC).page(0, 20);
    Found first = index.search(phrase);
    assertEquals(20, first.hits().size());
    assertTrue(first.total() < 5_000, "hits counted: " + first.total() + ", so some were skipped, not checked");
    // The same with every kind asked for, as the search page does: the kinds do not stop the skipping.
    Found everyKind = index.search(phrase.kinds("thread", "post", "question", "organisation", "consultation"));
    assertEquals(first.hits().stream().map(Found.Hit::id).toList(),
        everyKind.hits().stream().map(Found.Hit::id).toList());
    assertTrue(everyKind.total() < 5_000, "hits counted with every kind: " + everyKind.total());
    java.util.Set<String> seen = new java.util.HashSet<>();
    String after = null;
    for (int page = 0; page < 5; page++) {
      Found found = index.search(phrase.after(after));
      found.hits().forEach(hit -> assertTrue(seen.add(hit.id()), "once: " + hit.id()));
      after = found.hits().get(found.hits().size() - 1).cursor();
    }
    assertEquals(100, seen.size());
  }

  @Test
  @DisplayName("putting an entry again replaces it; removing takes it out of searches")
  void replaceAndRemove() throws IOException {
    put(post("1", "rừng ngập mặn"));
    put(post("1", "san hô"));
    assertEquals(List.of(), ids("rung"));
    assertEquals(List.of("1"), ids("san ho"));
    index.remove("post", List.of("1", "unknown"));
    index.refresh();
    assertEquals(0, index.size());
    put(post("2", "san hô"), post("3", "san hô"));
    index.removeAll("post");
    index.refresh();
    assertEquals(List.of(), ids("san ho"));
  }

  @Test
  @DisplayName("the index on disk keeps what was committed with its checkpoint, and nothing after it")
  void checkpoint(@TempDir Path directory) throws IOException {
    index.close();
    index = SearchIndex.open(directory, "v1");
    assertEquals(SearchIndex.NEVER, index.checkpoint());
    put(post("1", "tê giác"));
    index.commit(41);
    put(post("2", "tê giác"));
    index.close();
    index = SearchIndex.open(directory, "v1");
    assertEquals(41, index.checkpoint());
    assertEquals(List.of("1"), ids("tê giác"), "what came after the commit is replayed from the changes");
    index.close();
    index = SearchIndex.open(directory, "v2");
    assertEquals(SearchIndex.NEVER, index.checkpoint(), "entries made for another schema are rebuilt");
  }

  @Test
  @DisplayName("a search of nothing but spaces, quotes or punctuation finds nothing and fails nothing")
  void nothingToSearch() throws IOException {
    put(post("1", "tê giác"));
    for (String typed : List.of("", "   ", "\"\"", "- , .", "\"")) {
      assertEquals(0, index.search(Search.of(typed, PUBLIC)).total(), typed);
    }
  }

  @Test
  @DisplayName("pages that each continue after the previous one's cursor give the one long list, in order, once each")
  void cursorPages() throws IOException {
    List<Findable> many = new java.util.ArrayList<>();
    for (int i = 0; i < 57; i++) {
      // Texts of a few lengths: many hits share a score, so the order within a score (by key) is what pages keep.
      many.add(post("p" + i, "tê giác " + "rừng ".repeat(i % 4)));
    }
    put(many.toArray(Findable[]::new));
    List<String> whole = hits(Search.of("tê giác", PUBLIC).page(0, 100));
    assertEquals(57, whole.size());
    List<String> paged = new java.util.ArrayList<>();
    String after = null;
    for (int page = 0; page < 10; page++) {
      Found found = index.search(Search.of("tê giác", PUBLIC).page(0, 10).after(after));
      found.hits().forEach(hit -> paged.add(hit.id()));
      if (found.hits().size() < 10) {
        break;
      }
      after = found.hits().get(found.hits().size() - 1).cursor();
    }
    assertEquals(whole, paged);
  }

  @Test
  @DisplayName("a search grouped by a tag ends its page where its results do, and the next page continues after it")
  void groupedPages() throws IOException {
    // The same text everywhere: every hit scores the same, so they come in the order they were put.
    put(inThread("t1a", "t1"), organisation("o1"), inThread("t1b", "t1"), inThread("t2a", "t2"),
        inThread("t3a", "t3"), inThread("t3b", "t3"), inThread("t4a", "t4"));
    Search grouped = Search.of("voọc", PUBLIC).page(0, 80).grouped("thread", 2);
    Found first = index.search(grouped);
    assertEquals(List.of("t1a", "o1", "t1b"), first.hits().stream().map(Found.Hit::id).toList(),
        "two results: thread t1 and the organisation, which has no thread; t2 would be the third");
    assertTrue(first.more(), "the page ended before the hits it left out");
    assertTrue(first.hits().get(2).snippet().contains("<mark>voọc</mark>"), first.hits().get(2).snippet());
    Found second = index.search(grouped.after(first.hits().get(2).cursor()));
    assertEquals(List.of("t2a", "t3a", "t3b"), second.hits().stream().map(Found.Hit::id).toList());
    assertTrue(second.more());
    Found last = index.search(grouped.after(second.hits().get(2).cursor()));
    assertEquals(List.of("t4a"), last.hits().stream().map(Found.Hit::id).toList());
    assertFalse(last.more(), "nothing follows the last hit");
    assertTrue(index.search(Search.of("voọc", PUBLIC).page(0, 7)).more(), "a full page may have more after it");
    assertFalse(index.search(Search.of("voọc", PUBLIC).page(0, 8)).more());
  }

  @Test
  @DisplayName("a cursor this index did not make is refused as bad input about 'after'")
  void badCursor() {
    vn.ngoforum.error.ForumException refused = org.junit.jupiter.api.Assertions.assertThrows(
        vn.ngoforum.error.ForumException.class,
        () -> index.search(Search.of("tê giác", PUBLIC).after("bm90LWEtY3Vyc29y")));
    assertEquals(400, refused.status());
    assertEquals("after", refused.field());
  }

  private void put(Findable... entries) throws IOException {
    index.put(List.of(entries));
    index.refresh();
  }

  private static Findable inThread(String id, String thread) {
    return new Findable("post", id, "public", "", "Một đàn voọc chà vá", Instant.EPOCH, Map.of("thread", thread), null,
        null);
  }

  private static Findable organisation(String id) {
    return new Findable("organisation", id, "public", "", "Một đàn voọc chà vá", Instant.EPOCH, null, null, null);
  }

  private static Findable post(String id, String text) {
    return new Findable("post", id, "public", "", text, Instant.EPOCH, null, null, null);
  }

  private List<String> ids(String typed) throws IOException {
    return hits(Search.of(typed, PUBLIC));
  }

  private List<String> hits(Search search) throws IOException {
    return index.search(search).hits().stream().map(Found.Hit::id).toList();
  }
}
