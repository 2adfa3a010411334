package vn.ngoforum.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Objects;
import org.slf4j.MDC;
import org.slf4j.Marker;

/**
 * Puts the current request's id ({@link RequestId}) into the MDC just before a record is made, so that the record
 * carries it: the text pattern prints it, the JSON encoder writes it as a field. An MDC is per thread and an event
 * loop serves many requests in turn, so it is set (or cleared) at every record rather than once per request.
 * Decides nothing: the record's fate is left to the levels and the other filters.
 */
public final class RequestIdFilter extends TurboFilter {

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
      Throwable failure) {
    String id = RequestId.current();
    if (!Objects.equals(id, MDC.get(RequestId.MDC_KEY))) {
      if (id == null) {
        MDC.remove(RequestId.MDC_KEY);
      } else {
        MDC.put(RequestId.MDC_KEY, id);
      }
    }
    return FilterReply.NEUTRAL;
  }
}
