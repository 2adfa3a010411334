package vn.ngoforum.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;

/**
 * {@code %ex} (and {@code %exception}, {@code %throwable}): the stack trace as usual, one frame a line, with the
 * message of each exception, cause and suppressed exception escaped ({@link LogText}). An exception about bad
 * input often quotes the input, so its message is outside text too.
 */
public final class EscapedThrowableConverter extends ThrowableProxyConverter {

  @Override
  protected String throwableProxyToString(IThrowableProxy throwable) {
    return super.throwableProxyToString(new Escaped(throwable));
  }

  /** A view of a throwable whose messages, and those of its causes and suppressed exceptions, are escaped. */
  private record Escaped(IThrowableProxy throwable) implements IThrowableProxy {

    @Override
    public String getMessage() {
      return LogText.escape(throwable.getMessage());
    }

    @Override
    public String getClassName() {
      return throwable.getClassName();
    }

    @Override
    public StackTraceElementProxy[] getStackTraceElementProxyArray() {
      return throwable.getStackTraceElementProxyArray();
    }

    @Override
    public int getCommonFrames() {
      return throwable.getCommonFrames();
    }

    @Override
    public IThrowableProxy getCause() {
      return throwable.getCause() == null ? null : new Escaped(throwable.getCause());
    }

    @Override
    public IThrowableProxy[] getSuppressed() {
      IThrowableProxy[] suppressed = throwable.getSuppressed();
      if (suppressed == null) {
        return null;
      }
      IThrowableProxy[] escaped = new IThrowableProxy[suppressed.length];
      for (int i = 0; i < suppressed.length; i++) {
        escaped[i] = new Escaped(suppressed[i]);
      }
      return escaped;
    }

    @Override
    public boolean isCyclic() {
      return throwable.isCyclic();
    }
  }
}
