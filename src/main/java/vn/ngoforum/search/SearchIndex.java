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
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.CollectionTerminatedException;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.FilterCollector;
import org.apache.lucene.search.FilterLeafCollector;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.TopScoreDocCollector;
import org.apache.lucene.search.TopScoreDocCollectorManager;
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
  /** Hits a search counts exactly before its collector starts skipping (Lucene's own default). */
  private static final int TOTAL_HITS_THRESHOLD = 1_000;
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
    Cursor after = search.after() == null ? null : Cursor.parse(search.after(), 1, "after");
    IndexSearcher searcher = searchers.acquire();
    try {
      // The kinds asked for are checked hit by hit, as the scopes are, when they hold most of the entries (every
      // kind, the search page's default, or posts): as a filter clause they would keep block-max WAND from skipping
      // anything (see allowedPerHit). A few kinds (organisations, sessions' questions) stay a filter clause, which then
      // leads the search to the few entries it allows instead of checking the words' every hit.
      boolean kindsPerHit = mostOf(searcher, search.kinds());
      Query built = query(search, QueryText.parse(search.text()), false, !kindsPerHit);
      if (built == null) {
        return Found.NONE;
      }
      Set<String> kindsChecked = kindsPerHit ? search.kinds() : Set.of();
      // Best first, ties in the index's order: once the page is full (and a thousand hits counted), the collector
      // asks only for hits scoring above the page's last one, so block-max WAND skips whole blocks of postings (a
      // phrase or word in every post is not checked in every post). Ties by key could not be skipped: a later entry
      // of the same score might have a smaller key. A page ends at a (score, key) the next page continues after.
      int wanted = after == null ? search.offset() + search.limit() : search.limit();
      TopDocs top = allowedPerHit(searcher, built, kindsChecked, search.scopes(),
          after == null ? null : after.scoreDoc(searcher, KEY), wanted);
      ScoreDoc[] looked = page(top.scoreDocs, after == null ? search.offset() : 0);
      ScoreDoc[] page = search.grouped() == null ? looked : firstResults(searcher, looked, search.grouped());
      boolean more = page.length < looked.length || top.scoreDocs.length == wanted;
      TopDocs shown = new TopDocs(top.totalHits, page);
      String[] titles = highlighter(searcher, true).highlight(Analysis.TITLE_FOLDED, built, shown, 1);
      String[] snippets = highlighter(searcher, false).highlight(Analysis.TEXT_FOLDED, built, shown, 2);
      List<Found.Hit> hits = new ArrayList<>(page.length);
      StoredFields stored = searcher.storedFields();
      for (int i = 0; i < page.length; i++) {
        Document document = stored.document(page[i].doc);
        String cursor = Cursor.scored(page[i].score, Findable.key(document.get(KIND), document.get(ID))).text();
        hits.add(hit(document, orEmpty(titles[i]), orEmpty(snippets[i]), cursor));
      }
      // Counted only as far as the collector counts (exactly up to a thousand): a search is paged by cursor and
      // shows no total, and counting every match of a common word or phrase cost as much again as the search.
      return new Found(top.totalHits.value, hits, more);
    } finally {
      searchers.release(searcher);
    }
  }

  /**
   * The hits before the first one of result {@code grouping.results() + 1} (see {@link Search.Grouping}): a result's
   * value of the tag read from its doc values, so hits past the page cost nothing more.
   */
  private static ScoreDoc[] firstResults(IndexSearcher searcher, ScoreDoc[] hits, Search.Grouping grouping)
      throws IOException {
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    Set<Object> results = new java.util.HashSet<>();
    for (int i = 0; i < hits.length; i++) {
      LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(hits[i].doc, leaves));
      // Hits come best first, not in the index's order: each read takes doc values of its own.
      SortedDocValues tags = DocValues.getSorted(leaf.reader(), TAG + grouping.tag());
      Object result = tags.advanceExact(hits[i].doc - leaf.docBase) ? tags.lookupOrd(tags.ordValue()).utf8ToString()
          : Integer.valueOf(hits[i].doc);
      if (results.add(result) && results.size() > grouping.results()) {
        return Arrays.copyOf(hits, i);
      }
    }
    return hits;
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
    Cursor after = Cursor.parse(search.after(), 1, "after");
    Query within = new BooleanQuery.Builder().add(built, Occur.MUST)
        .add(new TermInSetQuery(TAG + tag, bytes(values)), Occur.FILTER).build();
    Set<String> before = new java.util.HashSet<>();
    IndexSearcher searcher = searchers.acquire();
    try {
      int afterDoc = after.scoreDoc(searcher, KEY).doc;
      Weight weight = searcher.createWeight(searcher.rewrite(within), ScoreMode.COMPLETE, 1f);
      for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
        Scorer scorer = weight.scorer(leaf);
        if (scorer == null) {
          continue;
        }
        SortedDocValues tags = DocValues.getSorted(leaf.reader(), TAG + tag);
        DocIdSetIterator docs = scorer.iterator();
        for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
          float score = scorer.score();
          if (score < after.score() || !tags.advanceExact(doc)) {
            continue;
          }
          // Ranked before: a higher score, or the same score earlier in the index (the cursor's own hit included).
          if (score > after.score() || leaf.docBase + doc <= afterDoc) {
            before.add(tags.lookupOrd(tags.ordValue()).utf8ToString());
          }
        }
      }
      return before;
    } finally {
      searchers.release(searcher);
    }
  }

  /**
   * The best {@code n} hits of {@code query} after {@code after} (null: from the best) among the entries of these
   * kinds (none: any) in these scopes. They are checked hit by hit rather than as filter clauses of the query: with a
   * filter clause Lucene 9.12 skipped nothing of the words' disjunction (all 5,000 posts holding a phrase were
   * checked, the collector's rising bar notwithstanding; with every kind as a clause, a phrase in each of a million
   * posts took 120 ms instead of 8), without one block-max WAND skips whole blocks of postings that cannot beat the
   * page. A reader's scopes, and the kinds passed here, hold most of the forum, so checking them per collected hit
   * costs little.
   */
  private static TopDocs allowedPerHit(IndexSearcher searcher, Query query, Set<String> kinds, Set<String> scopes,
      ScoreDoc after, int n) throws IOException {
    BooleanQuery.Builder allowed = new BooleanQuery.Builder();
    filters(allowed, kinds, scopes, Map.of());
    Weight inScope = searcher.createWeight(searcher.rewrite(allowed.build()), ScoreMode.COMPLETE_NO_SCORES, 1f);
    TopScoreDocCollectorManager best = new TopScoreDocCollectorManager(n, after, TOTAL_HITS_THRESHOLD);
    return searcher.search(query, new CollectorManager<Scoped, TopDocs>() {
      @Override
      public Scoped newCollector() throws IOException {
        return new Scoped(best.newCollector(), inScope);
      }

      @Override
      public TopDocs reduce(Collection<Scoped> collectors) throws IOException {
        return best.reduce(collectors.stream().map(Scoped::best).toList());
      }
    });
  }

  /** Passes on the hits in the scopes {@code inScope} matches. */
  private static final class Scoped extends FilterCollector {
    private final Weight inScope;

    Scoped(TopScoreDocCollector best, Weight inScope) {
      super(best);
      this.inScope = inScope;
    }

    TopScoreDocCollector best() {
      return (TopScoreDocCollector) in;
    }

    @Override
    public LeafCollector getLeafCollector(LeafReaderContext leaf) throws IOException {
      Scorer scoped = inScope.scorer(leaf);
      if (scoped == null) {
        throw new CollectionTerminatedException();
      }
      DocIdSetIterator allowed = scoped.iterator();
      return new FilterLeafCollector(super.getLeafCollector(leaf)) {
        @Override
        public void collect(int doc) throws IOException {
          int at = allowed.docID() < doc ? allowed.advance(doc) : allowed.docID();
          if (at == doc) {
            in.collect(doc);
          }
        }
      };
    }
  }

  /** The query of a search: what it matches, among what the reader may see; null when it can match nothing. */
  private Query query(Search search, QueryText typed) {
    return query(search, typed, true, true);
  }

  /**
   * The query of a search; without {@code scoped}, without its filter of the reader's scopes, and without
   * {@code kinds}, without its filter of kinds (for a collector that checks them per hit, see {@link #allowedPerHit}).
   */
  private Query query(Search search, QueryText typed, boolean scoped, boolean kinds) {
    Query matching = matching(typed, search.anyWord());
    if (matching == null || search.scopes().isEmpty()) {
      return null;
    }
    BooleanQuery.Builder query = new BooleanQuery.Builder().add(matching, Occur.MUST);
    filters(query, kinds ? search.kinds() : Set.of(), scoped ? search.scopes() : Set.of(), search.tags());
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

  /**
   * A sorted page of one kind of entries, with no words to match (a category's threads by activity); each hit has its
   * cursor, where a page next to it starts. Order numbers are indexed as points beside their doc values, so when the
   * first one decides the order Lucene skips whole ranges of entries that cannot make the page (its numeric sort
   * optimisation): the first page, a page next to a cursor and the last page read backwards each cost about the same
   * at any size. A page at an offset still sorts past the entries before it.
   */
  public Found list(Listing listing) throws IOException {
    if (listing.scopes().isEmpty()) {
      return Found.NONE;
    }
    BooleanQuery.Builder query = new BooleanQuery.Builder().add(new MatchAllDocsQuery(), Occur.MUST);
    filters(query, Set.of(listing.kind()), listing.scopes(), listing.tags());
    Query built = query.build();
    boolean backwards = listing.backwards();
    List<SortField> order = new ArrayList<>();
    for (String name : listing.orderDesc()) {
      // Read backwards, lowest first. An entry without the number sorts as the least competitive value (so the
      // skipping stays possible): last read forwards, left out of a page read backwards.
      SortField field = new SortField(ORDER + name, SortField.Type.LONG, !backwards);
      field.setMissingValue(backwards ? Long.MAX_VALUE : Long.MIN_VALUE);
      if (!backwards) {
        skipNothing(field);
      }
      order.add(field);
    }
    order.add(new SortField(KEY, SortField.Type.STRING, backwards));
    Sort sort = new Sort(order.toArray(SortField[]::new));
    Cursor cursor = listing.cursor() == null ? null
        : Cursor.parse(listing.cursor(), listing.orderDesc().size(), backwards ? "before" : "after");
    IndexSearcher searcher = searchers.acquire();
    try {
      TopDocs top = cursor == null ? searcher.search(built, listing.offset() + listing.limit(), sort)
          : searcher.searchAfter(cursor.fieldDoc(searcher.getIndexReader().maxDoc()), built, listing.limit(), sort);
      ScoreDoc[] page = page(top.scoreDocs, listing.offset());
      List<Found.Hit> hits = new ArrayList<>(page.length);
      StoredFields stored = searcher.storedFields();
      for (ScoreDoc doc : page) {
        Document document = stored.document(doc.doc);
        hits.add(hit(document, escape(document.get(Analysis.TITLE_FOLDED)), "", listed((FieldDoc) doc).text()));
      }
      if (backwards) {
        java.util.Collections.reverse(hits);
      }
      return new Found(total(searcher, built, top.totalHits), hits, page.length == listing.limit());
    } finally {
      searchers.release(searcher);
    }
  }

  /**
   * Turns off the points-based skipping for a sort highest first. Entries are added as they change, so the index holds
   * them roughly in ascending order of activity: read highest first, every entry met is better than the page so far,
   * nothing can be skipped, and updating the skipping from the points at each new bottom cost 136 ms a page at 100,000
   * threads here (against 2 ms read lowest first, where the first entries met fill the page and the rest is skipped).
   * Without it the page costs one comparison per entry, as before. (Deprecated for indexes of Lucene 8; the only way
   * in 9.12 to keep the points for the backwards reads and not use them here.)
   */
  @SuppressWarnings("deprecation")
  private static void skipNothing(SortField field) {
    field.setOptimizeSortWithIndexedData(false);
  }

  /** A listed entry's cursor: its order numbers and key, as its sort gave them. */
  private static Cursor listed(FieldDoc doc) {
    List<Long> values = new ArrayList<>();
    for (int i = 0; i < doc.fields.length - 1; i++) {
      values.add((Long) doc.fields[i]);
    }
    return new Cursor(values, ((BytesRef) doc.fields[doc.fields.length - 1]).utf8ToString());
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
    entry.order().forEach((name, value) -> {
      document.add(new NumericDocValuesField(ORDER + name, value));
      // The same number as a point: a listing sorted by it skips entries that cannot make its page (see list).
      document.add(new LongPoint(ORDER + name, value));
    });
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

  /** Whether these kinds hold at least half of the index's entries (no kinds: no filter, so all of them). */
  private static boolean mostOf(IndexSearcher searcher, Set<String> kinds) throws IOException {
    IndexReader reader = searcher.getIndexReader();
    long held = 0;
    for (String kind : kinds) {
      held += reader.docFreq(new Term(KIND, kind));
    }
    return kinds.isEmpty() || held * 2 >= reader.maxDoc();
  }

  private static void filters(BooleanQuery.Builder query, Set<String> kinds, Set<String> scopes,
      Map<String, String> tags) {
    if (!kinds.isEmpty()) {
      query.add(new TermInSetQuery(KIND, bytes(kinds)), Occur.FILTER);
    }
    if (!scopes.isEmpty()) {
      query.add(new TermInSetQuery(SCOPE, bytes(scopes)), Occur.FILTER);
    }
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
