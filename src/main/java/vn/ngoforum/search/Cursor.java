package vn.ngoforum.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;
import vn.ngoforum.error.ForumException;

/**
 * Where a page ended: the last entry's sort values and its key. For a search the value is the hit's score; for a
 * listing, its order numbers ({@link Listing#orderDesc()}). Lucene's {@code searchAfter} continues from it without
 * collecting the entries before it, so a deep page costs what the first costs. It travels in links as URL-safe base64
 * text; the same text continues the same search or listing (over an index changed meanwhile, entries already passed
 * are not shown again, and new ones ranked before it are not shown).
 */
record Cursor(List<Long> values, String key) {

  Cursor {
    values = List.copyOf(values);
  }

  /** A search hit's place: its score and key. */
  static Cursor scored(float score, String key) {
    return new Cursor(List.of(Float.floatToIntBits(score) & 0xffffffffL), key);
  }

  float score() {
    return Float.intBitsToFloat((int) (long) values.get(0));
  }

  String text() {
    String plain = values.stream().map(Long::toHexString).collect(Collectors.joining(",")) + ":" + key;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Where a search continues (best first, ties in the index's order of entries): after this hit's score and the
   * entry's current place in {@code searcher}, found by its key. Document ids change as the index merges, so the
   * cursor holds the key, not the id; an entry removed since continues before every hit of its score.
   */
  ScoreDoc scoreDoc(IndexSearcher searcher, String keyField) throws IOException {
    TopDocs at = searcher.search(new TermQuery(new Term(keyField, key)), 1);
    return new ScoreDoc(at.scoreDocs.length == 0 ? -1 : at.scoreDocs[0].doc, score());
  }

  /**
   * Where Lucene's {@code searchAfter} starts, for a sort by these values then key, in a reader of {@code maxDoc}
   * documents. Keys are unique, so only the entry itself ties on every value; as the reader's last document it is not
   * "after" itself.
   */
  FieldDoc fieldDoc(int maxDoc) {
    List<Object> fields = new ArrayList<>(values);
    fields.add(new BytesRef(key));
    return new FieldDoc(Math.max(0, maxDoc - 1), Float.NaN, fields.toArray());
  }

  /** The cursor a link carried, of {@code count} values; 400 about {@code field} when this index did not make it. */
  static Cursor parse(String text, int count, String field) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
      int colon = plain.indexOf(':');
      if (colon < 1 || colon == plain.length() - 1) {
        throw new IllegalArgumentException("no key");
      }
      List<Long> values = new ArrayList<>();
      for (String value : plain.substring(0, colon).split(",", -1)) {
        values.add(Long.parseUnsignedLong(value, 16));
      }
      if (values.size() != count) {
        throw new IllegalArgumentException("not " + count + " values");
      }
      return new Cursor(values, plain.substring(colon + 1));
    } catch (IllegalArgumentException e) {
      throw ForumException.invalid(field, "'" + field + "' is not a page of these results.");
    }
  }
}
