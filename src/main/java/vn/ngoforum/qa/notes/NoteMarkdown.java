package vn.ngoforum.qa.notes;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * A note block's Markdown as the HTML pages show, made safe as posts are, in two layers: CommonMark renders with raw
 * HTML escaped and unsafe link targets dropped, then an allow-list keeps only paragraphs, headings, lists, quotes,
 * emphasis, code and {@code http(s)}/{@code mailto} links (with {@code rel="nofollow"}). A note is at most
 * {@link Note#MAX_LENGTH} characters, so its nesting stays far from what a worker thread's stack holds; it is rendered
 * off the event loop all the same ({@link NoteService}).
 */
final class NoteMarkdown {

  private static final Parser PARSER = Parser.builder().build();
  private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();
  private static final PolicyFactory POLICY = Sanitizers.BLOCKS.and(Sanitizers.FORMATTING).and(Sanitizers.LINKS);

  private NoteMarkdown() {
  }

  /** The safe HTML of {@code markdown}. */
  static String html(String markdown) {
    return POLICY.sanitize(RENDERER.render(PARSER.parse(markdown)));
  }
}
