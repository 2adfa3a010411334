package vn.ngoforum.consultations.documents;

import vn.ngoforum.consultations.text.Alignment;
import vn.ngoforum.error.ForumException;

/**
 * 400 about {@code textEn}: the English text does not align with the Vietnamese one clause by clause. The API
 * answers the English message naming the first parts that do not align; a page names them in its language from
 * {@link #alignment()}.
 */
public final class MisalignedText extends ForumException {

  public static final String MESSAGE_KEY = "consultations.english.misaligned";

  private final transient Alignment alignment;

  MisalignedText(Alignment alignment) {
    super(400, "invalid", alignment.message());
    this.alignment = alignment;
    about("textEn");
    withMessageKey(MESSAGE_KEY);
  }

  public Alignment alignment() {
    return alignment;
  }
}
