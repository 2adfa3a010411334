package vn.ngoforum.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.Weight;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.search.uhighlight.WholeBreakIterator;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;

/**
 * The forum's search and listing read model: an Apache Lucene index of what features describe as
 * {@link Findable}s, on disk under the data directory. It is derived data: a feature's store stays the truth,
 * and the index can be rebuilt from it; {@link #checkpoint()} says up to which change it is current, kept in the
 * same commit as the entries, so after a crash the index and its checkpoint agree and replaying the changes
 * after it makes the index current again (putting an entry twice is harmless).
 *
 * <p>Every method blocks (disk, CPU): call it from a worker, never from an event loop. Writes become visible to
 * searches on {@link #refresh()}, and durable on {@link #commit(long)}.
 *
 * <p>Longer than most classes on purpose: how an entry becomes Lucene fields and every query that reads those
 * fields (search, listings, filters, cursors, highlights) must change together, so they stay in one file.
 */
public final class SearchIndex implements AutoCloseable {

  private static final String KEY = "_key";
  private static final String KIND = "_kind";
  private static final String ID = "_id";
  private static final String SCOPE = "_scope";
  private static final String AT = "_at";
  private static final String TAG = "t.";
  private static final String ORDER = "o.";
  private static final String SHOWN = "s.";
  private static final String CHECKPOINT = "checkpoint";
  private static final String SCHEMA = "schema";
  /** The checkpoint of an index never committed, or committed for another schema: it must be built. */
  public static final long NEVER = -1;
  /** Titles weigh more than text: a thread titled with the words is what most searches are after. */
  private static final float TITLE_BOOST = 2f;
  /** Longer texts are highlighted in their first part only (a post rarely has its match further). */
  private static final int HIGHLIGHT_LENGTH = 20_000;

  /** Folded fields keep the text (for highlighting) and the offsets of their terms (so it is cheap). */
  private static final FieldType FOLDED = folded();

  private final Directory directory;
  private final Analyzer analyzer = Analysis.analyzer();
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final String schema;
  private volatile long checkpoint;

  private SearchIndex(Directory directory, String schema) throws IOException {
    this.directory = directory;
    this.schema = schema;
    Map<String, String> committed = DirectoryReader.indexExists(directory)
        ? SegmentInfos.readLatestCommit(directory).getUserData() : Map.of();
    // Entries made for another schema (what the sources put in them changed) count as none: rebuild.
    this.checkpoint = schema.equals(committed.get(SCHEMA)) && committed.containsKey(CHECKPOINT)
        ? Long.parseLong(committed.get(CHECKPOINT)) : NEVER;
    this.writer = new IndexWriter(directory,
        new IndexWriterConfig(analyzer).setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
            // Only commit(checkpoint) makes changes durable, so the checkpoint always describes the entries.
            .setCommitOnClose(false));
    this.searchers = new SearcherManager(writer, null);
  }

  /**
   * The index in this directory, made if there is none. {@code schema} names what the entries hold (the
   * sources and their versions): an index committed under another schema reports {@link #NEVER}, to be rebuilt.
   */
  public static SearchIndex open(Path directory, String schema) {
    try {
      Files.createDirectories(directory);
      return new SearchIndex(FSDirectory.open(directory), schema);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the search index in " + directory, e);
    }
  }

  /** An index in memory, gone when closed (tests, and a forum told to keep no data directory). */
  public static SearchIndex inMemory() {
    try {
      return new SearchIndex(new ByteBuffersDirectory(), "");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Puts these entries, replacing any with the same kind and id. */
  public void put(Collection<Findable> entries) throws IOException {
    for (Findable entry : entries) {
      writer.updateDocument(new Term(KEY, entry.key()), document(entry));
    }
  }

  /** Removes these entries of a kind; ids not in the index are ignored. */
  public void remove(String kind, Collection<String> ids) throws IOException {
    Term[] keys = ids.stream().map(id -> new Term(KEY, Findable.key(kind, id))).toArray(Term[]::new);
    if (keys.length > 0) {
      writer.deleteDocuments(keys);
    }
  }

  /** Removes every entry (before the index is built again from the sources). */
  public void clear() throws IOException {
    writer.deleteAll();
  }

  /** Removes every entry of a kind (before it is built again from its store). */
  public void removeAll(String kind) throws IOException {
    writer.deleteDocuments(new Term(KIND, kind));
  }

  /** Makes what was put and removed so far visible to searches. */
  public void refresh() throws IOException {
    searchers.maybeRefreshBlocking();
  }

  /**
   * Makes what was put and removed so far durable, with the number of the last change it includes: after a
   * restart the index holds exactly what was committed, and {@link #checkpoint()} says from where to catch up.
   */
  public void commit(long checkpoint) throws IOException {
    writer.setLiveCommitData(Map.of(CHECKPOINT, Long.toString(checkpoint), SCHEMA, schema).entrySet());
    writer.commit();
    this.checkpoint = checkpoint;
  }

  /** The number of the last change the committed index includes; {@link #NEVER} for an index to be built. */
  public long checkpoint() {
    return checkpoint;
  }

  /** How many entries searches see. */
  public int size() throws IOException {
    IndexSearcher searcher = searchers.acquire();
    try {
      return searcher.getIndexReader().numDocs();
    } finally {
      searchers.release(searcher);
    }
  }

  /** The entries matching what a reader typed, best first, among what they may see. */
  public Found search(Search search) throws IOException {
    Query built = query(search, QueryText.parse(search.text()));
    if (built == null) {
      return new Found(0, List.of());
    }
    Cursor after = search.after() == null ? null : Cursor.parse(search.after());
    IndexSearcher searcher = searchers.acquire();
    try {
      // Best first, ties by key: a page ends at a (score, key) that the next page continues after.
      Sort byScore = new Sort(SortField.FIELD_SCORE, new SortField(KEY, SortField.Type.STRING));
      TopDocs top = after == null ? searcher.search(built, search.offset() + search.limit(), byScore, true)
          : searcher.searchAfter(after.after(searcher.getIndexReader().maxDoc()), built, search.limit(), byScore,
              true);
      ScoreDoc[] page = page(top.scoreDocs, after == null ? search.offset() : 0);
      TopDocs shown = new TopDocs(top.totalHits, page);
      String[] titles = highlighter(searcher, true).highlight(Analysis.TITLE_FOLDED, built, shown, 1);
      String[] snippets = highlighter(searcher, false).highlight(Analysis.TEXT_FOLDED, built, shown, 2);
      List<Found.Hit> hits = new ArrayList<>(page.length);
      StoredFields stored = searcher.storedFields();
      for (int i = 0; i < page.length; i++) {
        Document document = stored.document(page[i].doc);
        String cursor = new Cursor(page[i].score, Findable.key(document.get(KIND), document.get(ID))).text();
        hits.add(hit(document, orEmpty(titles[i]), orEmpty(snippets[i]), cursor));
      }
      // Counted only as far as the collector counts (exactly up to a thousand): a search is paged by cursor and
      // shows no total, and counting every match of a common word or phrase cost as much again as the search.
      return new Found(top.totalHits.value, hits);
    } finally {
      searchers.release(searcher);
    }
  }

  /**
   * The values of tag {@code tag} (say the thread) whose entries hold every word of the search between them, the
   * words spread over several entries (a thread whose title has one word and a reply the other). Null when the
   * rarest word alone is in entries of more than {@code max} values: too common to answer this way.
   */
  public Set<String> groupsHoldingAll(Search search, String tag, int max) throws IOException {
    QueryText typed = QueryText.parse(search.text());
    List<Query> each = new ArrayList<>();
    for (String words : concat(typed.words(), typed.phrases())) {
      Query one = query(search, new QueryText(List.of(words), List.of()));
      if (one != null) {
        each.add(one);
      }
    }
    if (each.isEmpty()) {
      return Set.of();
    }
    IndexSearcher searcher = searchers.acquire();
    try {
      List<Query> rarestFirst = new ArrayList<>(each);
      Map<Query, Integer> counts = new HashMap<>();
      for (Query query : each) {
        counts.put(query, searcher.count(query));
      }
      rarestFirst.sort(java.util.Comparator.comparingInt(counts::get));
      Set<String> groups = values(searcher, rarestFirst.get(0), TAG + tag, max);
      for (Query query : rarestFirst.subList(1, rarestFirst.size())) {
        if (groups == null || groups.isEmpty()) {
          break;
        }
        Query within = new BooleanQuery.Builder().add(query, Occur.MUST)
            .add(new TermInSetQuery(TAG + tag, bytes(groups)), Occur.FILTER).build();
        groups = values(searcher, within, TAG + tag, Integer.MAX_VALUE);
      }
      return groups;
    } finally {
      searchers.release(searcher);
    }
  }

  /**
   * Which of {@code values} (of tag {@code tag}, say threads) have a hit of {@code search} ranked before its cursor
   * ({@link Search#after()}): results an earlier page showed already, since a value's best hit is where it first
   * appears. Reads only the entries of those values (a page's threads and their posts), with the scores the search
   * gives them. Empty for a first page.
   */
  public Set<String> shownBefore(Search search, String tag, Set<String> values) throws IOException {
    Query built = query(search, QueryText.parse(search.text()));
    if (built == null || search.after() == null || values.isEmpty()) {
      return Set.of();
    }
    Cursor after = Cursor.parse(search.after());
    Query within = new BooleanQuery.Builder().add(built, Occur.MUST)
        .add(new TermInSetQuery(TAG + tag, bytes(values)), Occur.FILTER).build();
    Set<String> before = new java.util.HashSet<>();
    IndexSearcher searcher = searchers.acquire();
    try {
      Weight weight = searcher.createWeight(searcher.rewrite(within), ScoreMode.COMPLETE, 1f);
      for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
        Scorer scorer = weight.scorer(leaf);
        if (scorer == null) {
          continue;
        }
        SortedDocValues tags = DocValues.getSorted(leaf.reader(), TAG + tag);
        SortedDocValues keys = DocValues.getSorted(leaf.reader(), KEY);
        DocIdSetIterator docs = scorer.iterator();
        for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
          float score = scorer.score();
          if (score < after.score() || !tags.advanceExact(doc)) {
            continue;
          }
          boolean ranksBefore = score > after.score()
              || keys.advanceExact(doc) && keys.lookupOrd(keys.ordValue()).utf8ToString().compareTo(after.key()) < 0;
          if (ranksBefore) {
            before.add(tags.lookupOrd(tags.ordValue()).utf8ToString());
          }
        }
      }
      return before;
    } finally {
      searchers.release(searcher);
    }
  }

  /** The query of a search: what it matches, among what the reader may see; null when it can match nothing. */
  private Query query(Search search, QueryText typed) {
    Query matching = matching(typed, search.anyWord());
    if (matching == null || search.scopes().isEmpty()) {
      return null;
    }
    BooleanQuery.Builder query = new BooleanQuery.Builder().add(matching, Occur.MUST);
    filters(query, search.kinds(), search.scopes(), search.tags());
    if (search.from() != null || search.until() != null) {
      long from = search.from() == null ? Long.MIN_VALUE : search.from().toEpochMilli();
      long until = search.until() == null ? Long.MAX_VALUE : search.until().toEpochMilli() - 1;
      query.add(LongPoint.newRangeQuery(AT, from, until), Occur.FILTER);
    }
    return query.build();
  }

  /** The distinct values of a tag over the entries a query matches; null when there are more than {@code max}. */
  private static Set<String> values(IndexSearcher searcher, Query query, String field, int max) throws IOException {
    Set<String> values = new java.util.HashSet<>();
    Weight weight = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1f);
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      Scorer scorer = weight.scorer(leaf);
      SortedDocValues tags = DocValues.getSorted(leaf.reader(), field);
      if (scorer == null) {
        continue;
      }
      DocIdSetIterator docs = scorer.iterator();
      for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
        if (tags.advanceExact(doc)) {
          values.add(tags.lookupOrd(tags.ordValue()).utf8ToString());
          if (values.size() > max) {
            return null;
          }
        }
      }
    }
    return values;
  }

  /** A sorted page of one kind of entries, with no words to match (a category's threads by activity). */
  public Found list(Listing listing) throws IOException {
    if (listing.scopes().isEmpty()) {
      return new Found(0, List.of());
    }
    BooleanQuery.Builder query = new BooleanQuery.Builder().add(new MatchAllDocsQuery(), Occur.MUST);
    filters(query, Set.of(listing.kind()), listing.scopes(), listing.tags());
    Query built = query.build();
    List<SortField> order = new ArrayList<>();
    for (String name : listing.orderDesc()) {
      SortField field = new SortField(ORDER + name, SortField.Type.LONG, true);
      field.setMissingValue(Long.MIN_VALUE);
      order.add(field);
    }
    order.add(new SortField(KEY, SortField.Type.STRING));
    IndexSearcher searcher = searchers.acquire();
    try {
      TopDocs top = searcher.search(built, listing.offset() + listing.limit(),
          new Sort(order.toArray(SortField[]::new)));
      ScoreDoc[] page = page(top.scoreDocs, listing.offset());
      List<Found.Hit> hits = new ArrayList<>(page.length);
      StoredFields stored = searcher.storedFields();
      for (ScoreDoc doc : page) {
        Document document = stored.document(doc.doc);
        hits.add(hit(document, escape(document.get(Analysis.TITLE_FOLDED)), "", null));
      }
      return new Found(total(searcher, built, top.totalHits), hits);
    } finally {
      searchers.release(searcher);
    }
  }

  @Override
  public void close() throws IOException {
    searchers.close();
    writer.close();
    directory.close();
  }

  private Document document(Findable entry) {
    Document document = new Document();
    document.add(new StringField(KEY, entry.key(), Field.Store.NO));
    document.add(new SortedDocValuesField(KEY, new BytesRef(entry.key())));
    document.add(new StringField(KIND, entry.kind(), Field.Store.YES));
    document.add(new StoredField(ID, entry.id()));
    document.add(new StringField(SCOPE, entry.scope(), Field.Store.NO));
    long at = entry.at().toEpochMilli();
    document.add(new LongPoint(AT, at));
    document.add(new NumericDocValuesField(AT, at));
    String title = Analysis.normal(entry.title());
    String text = Analysis.normal(entry.text());
    document.add(new TextField(Analysis.TITLE, title, Field.Store.NO));
    document.add(new Field(Analysis.TITLE_FOLDED, title, FOLDED));
    document.add(new TextField(Analysis.TEXT, text, Field.Store.NO));
    document.add(new Field(Analysis.TEXT_FOLDED, text, FOLDED));
    entry.tags().forEach((name, value) -> {
      document.add(new StringField(TAG + name, value, Field.Store.NO));
      document.add(new SortedDocValuesField(TAG + name, new BytesRef(value)));
    });
    entry.order().forEach((name, value) -> document.add(new NumericDocValuesField(ORDER + name, value)));
    entry.shown().forEach((name, value) -> document.add(new StoredField(SHOWN + name, value)));
    return document;
  }

  /**
   * Every word and every phrase must be found (or, {@code anyWord}, one of them), in the title or the text, with or
   * without diacritics; finding it as typed (with its diacritics) and in the title ranks higher. Null when nothing
   * searchable was typed.
   */
  private Query matching(QueryText typed, boolean anyWord) {
    QueryBuilder terms = new QueryBuilder(analyzer);
    BooleanQuery.Builder all = new BooleanQuery.Builder();
    int required = 0;
    for (String words : concat(typed.words(), typed.phrases())) {
      BooleanQuery.Builder anywhere = new BooleanQuery.Builder();
      int fields = 0;
      for (String field : List.of(Analysis.TITLE_FOLDED, Analysis.TEXT_FOLDED, Analysis.TITLE, Analysis.TEXT)) {
        Query query = terms.createPhraseQuery(field, words);
        if (query != null) {
          boolean title = field.startsWith(Analysis.TITLE);
          anywhere.add(title ? new BoostQuery(query, TITLE_BOOST) : query, Occur.SHOULD);
          fields++;
        }
      }
      if (fields > 0) {
        all.add(anywhere.build(), anyWord ? Occur.SHOULD : Occur.MUST);
        required++;
      }
    }
    return required == 0 ? null : all.build();
  }

  private static void filters(BooleanQuery.Builder query, Set<String> kinds, Set<String> scopes,
      Map<String, String> tags) {
    if (!kinds.isEmpty()) {
      query.add(new TermInSetQuery(KIND, bytes(kinds)), Occur.FILTER);
    }
    query.add(new TermInSetQuery(SCOPE, bytes(scopes)), Occur.FILTER);
    tags.forEach((name, value) -> query.add(new TermQuery(new Term(TAG + name, value)), Occur.FILTER));
  }

  private UnifiedHighlighter highlighter(IndexSearcher searcher, boolean whole) {
    UnifiedHighlighter.Builder builder = UnifiedHighlighter.builder(searcher, analyzer)
        .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", "… ", true))
        .withMaxLength(HIGHLIGHT_LENGTH);
    if (whole) {
      builder.withBreakIterator(WholeBreakIterator::new);
    } else {
      builder.withBreakIterator(() -> BreakIterator.getSentenceInstance(Locale.ROOT));
    }
    return builder.build();
  }

  private static Found.Hit hit(Document document, String title, String snippet, String cursor) {
    Map<String, String> shown = new HashMap<>();
    for (IndexableField field : document.getFields()) {
      if (field.name().startsWith(SHOWN)) {
        shown.put(field.name().substring(SHOWN.length()), field.stringValue());
      }
    }
    return new Found.Hit(document.get(KIND), document.get(ID), Map.copyOf(shown), title, snippet, cursor);
  }

  private static long total(IndexSearcher searcher, Query query, TotalHits hits) throws IOException {
    return hits.relation == TotalHits.Relation.EQUAL_TO ? hits.value : searcher.count(query);
  }

  private static ScoreDoc[] page(ScoreDoc[] docs, int offset) {
    return offset >= docs.length ? new ScoreDoc[0] : Arrays.copyOfRange(docs, offset, docs.length);
  }

  private static List<BytesRef> bytes(Set<String> values) {
    return values.stream().map(BytesRef::new).toList();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> both = new ArrayList<>(a);
    both.addAll(b);
    return both;
  }

  private static String orEmpty(String text) {
    return text == null ? "" : text;
  }

  private static String escape(String text) {
    if (text == null) {
      return "";
    }
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replace("'", "&#39;");
  }

  private static FieldType folded() {
    FieldType type = new FieldType(TextField.TYPE_STORED);
    type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    type.freeze();
    return type;
  }
}
