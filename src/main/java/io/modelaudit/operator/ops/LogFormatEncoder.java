package io.modelaudit.operator.ops;

import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import java.util.Locale;

/**
 * Logback encoder that writes either a text pattern or one JSON object per line, chosen by
 * MODELAUDIT_LOG_FORMAT, so logback.xml needs neither janino nor a second, unreferenced appender.
 */
public final class LogFormatEncoder extends EncoderBase<ILoggingEvent> {

  /** The human-readable format; also the fallback for unknown values. */
  public static final String TEXT = "text";

  /** One JSON object per line, for log collectors. */
  public static final String JSON = "json";

  private String format = TEXT;
  private String pattern;
  private Encoder<ILoggingEvent> delegate;

  /** {@code text} or {@code json}, case-insensitive; blank means text. */
  public void setFormat(String format) {
    this.format = format;
  }

  /** The pattern of the text format. */
  public void setPattern(String pattern) {
    this.pattern = pattern;
  }

  /** The format in effect once started: {@link #TEXT} or {@link #JSON}. */
  public String effectiveFormat() {
    return delegate instanceof JsonEncoder ? JSON : TEXT;
  }

  @Override
  public void start() {
    delegate = JSON.equals(normalizedFormat()) ? jsonEncoder() : textEncoder();
    delegate.setContext(getContext());
    delegate.start();
    super.start();
  }

  @Override
  public void stop() {
    if (delegate != null) {
      delegate.stop();
    }
    super.stop();
  }

  @Override
  public byte[] headerBytes() {
    return delegate.headerBytes();
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    return delegate.encode(event);
  }

  @Override
  public byte[] footerBytes() {
    return delegate.footerBytes();
  }

  private String normalizedFormat() {
    String value = format == null ? "" : format.trim().toLowerCase(Locale.ROOT);
    if (value.isEmpty() || value.equals(TEXT) || value.equals(JSON)) {
      return value.isEmpty() ? TEXT : value;
    }
    // An unknown value must not silence the operator: log as text and say why.
    addWarn("MODELAUDIT_LOG_FORMAT must be text or json, got [" + format + "]; using text");
    return TEXT;
  }

  private Encoder<ILoggingEvent> textEncoder() {
    PatternLayoutEncoder text = new PatternLayoutEncoder();
    text.setPattern(pattern);
    return text;
  }

  private static Encoder<ILoggingEvent> jsonEncoder() {
    JsonEncoder json = new JsonEncoder();
    // Keep what a log collector indexes; drop fields that only repeat or bloat each line.
    json.setWithSequenceNumber(false);
    json.setWithNanoseconds(false);
    json.setWithContext(false);
    json.setWithMessage(false);
    json.setWithArguments(false);
    json.setWithFormattedMessage(true);
    return json;
  }
}
