package vn.ngoforum.forum.threads;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.autolink.AutolinkType;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.text.TextContentRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import vn.ngoforum.error.ForumException;
import vn.ngoforum.forum.common.Bidi;

/**
 * Turns what people write (CommonMark, plus tables, {@code ~~strikethrough~~} and bare web addresses as links)
 * into the HTML that pages show, once, when a post is written.
 *
 * <p>Two layers, so that one mistake is not enough: CommonMark renders with raw HTML escaped and unsafe link
 * targets dropped, then an allow-list sanitiser keeps only plain formatting elements (and the tables, {@code <del>}
 * and links the extensions make, a cell's alignment as a fixed {@code align} value), {@code http(s)}/{@code
 * mailto} links (with {@code rel="nofollow ugc noopener"}) and {@code http(s)} images. No scripts, event handlers,
 * styles, iframes, forms, {@code javascript:} or {@code data:} URLs survive. Bidirectional control characters
 * (which can make text read differently from what it is, see {@link Bidi}) are removed from the text first.
 *
 * <p>Hostile input is bounded, not caught. CommonMark's parser builds the block structure without recursion but
 * recurses once per level of inline nesting, and both renderers recurse once per level of any nesting: 32,000
 * {@code >}, {@code - } or {@code *} overflow a default (1 MB) thread stack. So the text is parsed on a thread
 * whose stack takes the deepest nesting {@link #MAX_LENGTH} characters can express (each level needs two), its
 * depth is then measured without recursion, and text nested deeper than {@link #MAX_NESTING} levels is refused
 * with 400 before anything renders it. Time stays bounded too: every input is linear or, at worst (thousands of
 * {@code <} that never close), quadratic in a length that {@link Posting#POST_MAX} keeps to about a second of work.
 */
final class Markdown {

  /** The deepest nesting of quotes, lists, emphasis and links a post may have (people write fewer than 20). */
  static final int MAX_NESTING = 100;

  /** The longest text this renders; posts are shorter ({@link Posting#POST_MAX}). */
  static final int MAX_LENGTH = 64_000;

  /**
   * The stack of the threads that parse: 32,000 levels (the most that {@link #MAX_LENGTH} characters can nest)
   * took under 400 bytes each in the parser's recursion, measured interpreted (larger frames than compiled code),
   * so this leaves a margin of more than two.
   */
  private static final long PARSER_STACK_BYTES = 32L * 1024 * 1024;

  private static final ExecutorService PARSING = Executors.newFixedThreadPool(
      Math.max(2, Runtime.getRuntime().availableProcessors()), new ParserThreads());

  /**
   * GitHub's tables and strikethrough (two tildes only, so a single "~" in "~5 km" stays text), and web
   * addresses and www. names as links (not bare e-mail addresses: people's addresses in posts should not turn
   * into links by themselves).
   */
  private static final List<Extension> EXTENSIONS = List.of(
      TablesExtension.create(),
      StrikethroughExtension.builder().requireTwoTildes(true).build(),
      AutolinkExtension.builder().linkTypes(AutolinkType.URL, AutolinkType.WWW).build());

  private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
  private static final HtmlRenderer RENDERER = HtmlRenderer.builder()
      .extensions(EXTENSIONS)
      .escapeHtml(true)
      .sanitizeUrls(true)
      .build();
  private static final TextContentRenderer TEXT = TextContentRenderer.builder().extensions(EXTENSIONS).build();

  private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
      .allowElements("p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code", "em",
          "strong", "del", "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td")
      .allowUrlProtocols("http", "https", "mailto")
      .allowAttributes("href").onElements("a")
      .requireRelsOnLinks("nofollow", "ugc", "noopener")
      .allowAttributes("src", "alt", "title").onElements("img")
      .allowAttributes("title").onElements("a")
      .allowAttributes("start").matching(Pattern.compile("[0-9]{1,6}")).onElements("ol")
      .allowAttributes("align").matching(Pattern.compile("left|center|right")).onElements("th", "td")
      .allowAttributes("class").matching(Pattern.compile("language-[A-Za-z0-9_+-]{1,30}")).onElements("code")
      .toFactory();

  private Markdown() {
  }

  /** A post as it is kept: its source, the safe HTML pages show, and its plain text for search and snippets. */
  record Rendered(String source, String html, String text) {
  }

  /**
   * Renders {@code markdown}, blocking the calling (worker) thread meanwhile; CPU work about proportional to the
   * text: milliseconds for a 32,000-character post, up to about a second for a hostile one.
   *
   * @throws ForumException 400 when the text is longer than {@link #MAX_LENGTH} or nests deeper than
   *     {@link #MAX_NESTING} levels
   */
  static Rendered render(String markdown) {
    if (markdown.length() > MAX_LENGTH) {
      throw ForumException.invalid("'body' is longer than " + MAX_LENGTH + " characters.");
    }
    try {
      return PARSING.submit(() -> renderHere(markdown)).get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while rendering a post.", e);
    }
  }

  /** Renders {@code markdown} off the event loop (see {@link #render(String)}). */
  static Future<Rendered> render(Vertx vertx, String markdown) {
    return vertx.executeBlocking(() -> render(markdown), false);
  }

  private static Rendered renderHere(String markdown) {
    String source = Bidi.neutralise(markdown);
    Node document = PARSER.parse(source);
    if (depth(document) > MAX_NESTING) {
      throw ForumException.invalid("'body' nests quotes, lists, emphasis or links too deep (more than "
          + MAX_NESTING + " levels); please flatten it.");
    }
    String html = POLICY.sanitize(RENDERER.render(document));
    return new Rendered(source, html, TEXT.render(document).strip());
  }

  /** How deep the deepest node under {@code document} lies, counted without recursion. */
  private static int depth(Node document) {
    int depth = 0;
    int deepest = 0;
    Node node = document;
    while (node != null) {
      if (node.getFirstChild() != null) {
        node = node.getFirstChild();
        deepest = Math.max(deepest, ++depth);
        continue;
      }
      while (node != document && node.getNext() == null) {
        node = node.getParent();
        depth--;
      }
      node = node == document ? null : node.getNext();
    }
    return deepest;
  }

  /** Daemon threads with {@link #PARSER_STACK_BYTES} of stack. */
  private static final class ParserThreads implements java.util.concurrent.ThreadFactory {

    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable work) {
      Thread thread = new Thread(null, work, "markdown-" + count.incrementAndGet(), PARSER_STACK_BYTES);
      thread.setDaemon(true);
      return thread;
    }
  }
}
