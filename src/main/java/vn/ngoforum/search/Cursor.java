package vn.ngoforum.search;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.util.BytesRef;
import vn.ngoforum.error.ForumException;

/**
 * Where a page of search results ended: the last hit's score and key, the two values results are sorted by. Lucene's
 * {@code searchAfter} continues from it without collecting the results before it, so a deep page costs what the first
 * costs. It travels in links as URL-safe base64 text; the same text continues the same search (over an index changed
 * meanwhile, results already passed are not shown again, and new ones ranked before it are not shown).
 */
record Cursor(float score, String key) {

  String text() {
    String plain = Integer.toHexString(Float.floatToIntBits(score)) + ":" + key;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Where Lucene's {@code searchAfter} starts, for a sort by score then key, in a reader of {@code maxDoc} documents.
   * Keys are unique, so only the hit itself ties on both values; as the reader's last document it is not "after"
   * itself (document ids change as the index merges, so the cursor holds none).
   */
  FieldDoc after(int maxDoc) {
    return new FieldDoc(Math.max(0, maxDoc - 1), score, new Object[] {score, new BytesRef(key)});
  }

  /** The cursor a link carried; 400 about {@code after} when it is not one this index made. */
  static Cursor parse(String text) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
      int colon = plain.indexOf(':');
      if (colon < 1 || colon == plain.length() - 1) {
        throw new IllegalArgumentException("no key");
      }
      return new Cursor(Float.intBitsToFloat(Integer.parseUnsignedInt(plain.substring(0, colon), 16)),
          plain.substring(colon + 1));
    } catch (IllegalArgumentException e) {
      throw ForumException.invalid("after", "'after' is not a page of these results.");
    }
  }
}
