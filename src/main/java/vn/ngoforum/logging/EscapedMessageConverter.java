package vn.ngoforum.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %msg} (and {@code %m}, {@code %message}) with line breaks and control characters escaped
 * ({@link LogText}), for every logger: ours pass outside text as arguments, but libraries often build the message
 * from it (the SockJS bridge logs {@code "Invalid type in incoming message: " + type}).
 */
public final class EscapedMessageConverter extends MessageConverter {

  @Override
  public String convert(ILoggingEvent event) {
    return LogText.escape(super.convert(event));
  }
}
