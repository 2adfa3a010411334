package vn.ngoforum.consultations.text;

/**
 * The pasted text cannot be split into a document: the message says what is wrong and where (a line number), in
 * English for the API; {@link #messageKey()} names the UI text pages show.
 */
public final class SplitException extends RuntimeException {

  private final String messageKey;

  SplitException(String messageKey, String message) {
    super(message, null, false, false);
    this.messageKey = messageKey;
  }

  public String messageKey() {
    return messageKey;
  }
}
