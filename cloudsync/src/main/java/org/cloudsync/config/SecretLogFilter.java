package org.cloudsync.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.helpers.FormattingTuple;
import org.slf4j.helpers.MessageFormatter;

/**
 * A last guard in front of every log appender: an enabled log event whose message or exception
 * holds a secret {@link Redaction} recognises (a SAS {@code sig=}) is written redacted instead.
 * Libraries log what they like (reactor-netty, under the Azure SDK, logs each request's full URL at
 * DEBUG), so the guard sits in logback itself rather than in our own log calls.
 *
 * <p>{@link #install()} adds it once to the running logback context; it is idempotent and does
 * nothing when logback is not the SLF4J backend.
 */
public final class SecretLogFilter extends TurboFilter {
  private static final ThreadLocal<Boolean> RELOGGING = ThreadLocal.withInitial(() -> false);

  /** Adds the filter to logback's context unless it is there already. */
  public static void install() {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    synchronized (SecretLogFilter.class) {
      for (TurboFilter f : context.getTurboFilterList()) {
        if (f instanceof SecretLogFilter) {
          return;
        }
      }
      SecretLogFilter filter = new SecretLogFilter();
      filter.setName("secret-log-filter");
      filter.setContext(context);
      filter.start();
      context.addTurboFilter(filter);
    }
  }

  @Override
  public FilterReply decide(
      Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (format == null || RELOGGING.get() || !level.isGreaterOrEqual(logger.getEffectiveLevel())) {
      return FilterReply.NEUTRAL;
    }
    FormattingTuple formatted = MessageFormatter.arrayFormat(format, params, t);
    String message = formatted.getMessage();
    Throwable thrown = t != null ? t : formatted.getThrowable();
    if (!holdsSecret(message) && !chainHoldsSecret(thrown)) {
      return FilterReply.NEUTRAL;
    }
    RELOGGING.set(true);
    try {
      logger.callAppenders(
          new LoggingEvent(
              Logger.class.getName(),
              logger,
              level,
              Redaction.redact(message),
              thrown == null ? null : new RedactedThrowable(thrown),
              null));
    } finally {
      RELOGGING.set(false);
    }
    return FilterReply.DENY;
  }

  private static boolean holdsSecret(String text) {
    return text != null && !Redaction.redact(text).equals(text);
  }

  private static boolean chainHoldsSecret(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (holdsSecret(t.getMessage())) {
        return true;
      }
    }
    return false;
  }

  /** A copy of an exception chain with every message redacted and the stack traces kept. */
  static final class RedactedThrowable extends Exception {
    RedactedThrowable(Throwable original) {
      super(
          original.getClass().getName() + ": " + Redaction.redact(original.getMessage()),
          original.getCause() == null || original.getCause() == original
              ? null
              : new RedactedThrowable(original.getCause()),
          false,
          true);
      setStackTrace(original.getStackTrace());
    }
  }
}
