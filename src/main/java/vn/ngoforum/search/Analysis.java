package vn.ngoforum.search;

import java.text.Normalizer;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * How Vietnamese text is cut into terms. Each text is indexed twice: as written (lower-cased), and folded, with
 * tones and diacritics removed and đ made d, so "te giac" finds "tê giác" while a search typed with the right
 * diacritics ranks the texts that have them above the others. Words are the syllables between spaces and
 * punctuation (Unicode word boundaries), which is how Vietnamese is written; a phrase query keeps their order.
 */
final class Analysis {

  /** The fields as written and folded. */
  static final String TITLE = "title";
  static final String TEXT = "text";
  static final String TITLE_FOLDED = "title_f";
  static final String TEXT_FOLDED = "text_f";

  private Analysis() {
  }

  /** One analyzer for the index and the queries: folding for the folded fields, lower case for the others. */
  static Analyzer analyzer() {
    Analyzer folded = new Words(true);
    return new PerFieldAnalyzerWrapper(new Words(false), Map.of(TITLE_FOLDED, folded, TEXT_FOLDED, folded));
  }

  /**
   * Text in one Unicode form: the same word typed on a keyboard that composes "ế" and on one that sends "e" and
   * two combining marks is the same word. Folding only knows composed letters, so this comes first.
   */
  static String normal(String text) {
    return text == null ? "" : Normalizer.normalize(text, Normalizer.Form.NFC);
  }

  private static final class Words extends Analyzer {
    private final boolean fold;

    Words(boolean fold) {
      this.fold = fold;
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      StandardTokenizer words = new StandardTokenizer();
      TokenStream terms = new LowerCaseFilter(words);
      return new TokenStreamComponents(words, fold ? new ASCIIFoldingFilter(terms) : terms);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
      TokenStream lower = new LowerCaseFilter(in);
      return fold ? new ASCIIFoldingFilter(lower) : lower;
    }
  }
}
