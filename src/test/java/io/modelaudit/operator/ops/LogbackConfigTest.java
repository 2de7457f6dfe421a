package io.modelaudit.operator.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.util.StatusPrinter2;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The production logback.xml: format chosen by MODELAUDIT_LOG_FORMAT, MDC in both formats. */
class LogbackConfigTest {

  private static final Map<String, String> MDC =
      Map.of("resource.name", "fraud-detector", "resource.namespace", "ml-prod");

  private final List<LoggerContext> contexts = new ArrayList<>();

  @AfterEach
  void stopContexts() {
    contexts.forEach(LoggerContext::stop);
  }

  @Test
  void textIsTheDefaultAndShowsTheMdc() throws Exception {
    LoggerContext context = configure(null);

    Appender<ILoggingEvent> appender = onlyRootAppender(context);
    assertThat(formatOf(appender)).isEqualTo("text");

    String line = encode(appender, event(context, MDC));
    assertThat(line)
        .contains(" INFO ")
        .contains("resource.name=fraud-detector")
        .contains("resource.namespace=ml-prod")
        .endsWith(
            "- Created log group /modelaudit/ml-prod/fraud-detector" + System.lineSeparator());
  }

  @Test
  void textLeavesNoEmptyBracesWithoutMdc() throws Exception {
    LoggerContext context = configure("text");

    String line = encode(onlyRootAppender(context), event(context, Map.of()));

    assertThat(line).doesNotContain("{}").contains("reconcile.Probe - Created log group");
  }

  @Test
  void jsonWritesOneObjectPerLineWithTheMdc() throws Exception {
    LoggerContext context = configure("json");

    Appender<ILoggingEvent> appender = onlyRootAppender(context);
    assertThat(formatOf(appender)).isEqualTo("json");

    String line = encode(appender, event(context, MDC));
    assertThat(line.strip()).doesNotContain("\n");
    JsonNode json = new ObjectMapper().readTree(line);
    assertThat(json.path("level").asText()).isEqualTo("INFO");
    assertThat(json.path("loggerName").asText())
        .isEqualTo("io.modelaudit.operator.reconcile.Probe");
    assertThat(json.path("formattedMessage").asText())
        .isEqualTo("Created log group /modelaudit/ml-prod/fraud-detector");
    assertThat(json.path("mdc").path("resource.name").asText()).isEqualTo("fraud-detector");
    assertThat(json.path("mdc").path("resource.namespace").asText()).isEqualTo("ml-prod");
  }

  @Test
  void formatIsCaseInsensitive() throws Exception {
    assertThat(formatOf(onlyRootAppender(configure(" JSON ")))).isEqualTo("json");
  }

  @Test
  void unknownFormatFallsBackToTextWithAWarning() throws Exception {
    LoggerContext context = configure("xml");

    assertThat(formatOf(onlyRootAppender(context))).isEqualTo("text");
    assertThat(context.getStatusManager().getCopyOfStatusList())
        .anySatisfy(
            status -> {
              assertThat(status.getLevel()).isEqualTo(Status.WARN);
              assertThat(status.getMessage()).contains("MODELAUDIT_LOG_FORMAT").contains("xml");
            });
  }

  @Test
  void quietsTheSdkLoggers() throws Exception {
    LoggerContext context = configure(null);

    assertThat(context.getLogger("software.amazon.awssdk").getLevel()).isEqualTo(Level.WARN);
    assertThat(context.getLogger("io.fabric8.kubernetes.client.informers").getLevel())
        .isEqualTo(Level.WARN);
    assertThat(context.getLogger("io.modelaudit").getLevel()).isEqualTo(Level.INFO);
  }

  /** Loads the production logback.xml into a fresh context; fails on any configuration error. */
  private LoggerContext configure(String format) throws Exception {
    LoggerContext context = new LoggerContext();
    contexts.add(context);
    if (format != null) {
      // A context property wins over the environment variable of the same name.
      context.putProperty("MODELAUDIT_LOG_FORMAT", format);
    }
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    URL config = LogbackConfigTest.class.getResource("/logback.xml");
    assertThat(config).as("logback.xml on the class path").isNotNull();
    configurator.doConfigure(config);
    // Any warning would make logback dump its status on stdout at every start, breaking JSON logs.
    List<Status> problems =
        context.getStatusManager().getCopyOfStatusList().stream()
            .filter(s -> s.getLevel() >= Status.WARN)
            .filter(s -> !s.getMessage().contains("MODELAUDIT_LOG_FORMAT"))
            .toList();
    if (!problems.isEmpty()) {
      new StatusPrinter2().print(context);
    }
    assertThat(problems).as("logback configuration warnings and errors").isEmpty();
    return context;
  }

  private static Appender<ILoggingEvent> onlyRootAppender(LoggerContext context) {
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
    for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
      appenders.add(it.next());
    }
    assertThat(appenders).hasSize(1);
    return appenders.get(0);
  }

  private static String formatOf(Appender<ILoggingEvent> appender) {
    return ((LogFormatEncoder) ((OutputStreamAppender<ILoggingEvent>) appender).getEncoder())
        .effectiveFormat();
  }

  private static ILoggingEvent event(LoggerContext context, Map<String, String> mdc) {
    Logger logger = context.getLogger("io.modelaudit.operator.reconcile.Probe");
    LoggingEvent event =
        new LoggingEvent(
            Logger.class.getName(),
            logger,
            Level.INFO,
            "Created log group {}",
            null,
            new Object[] {"/modelaudit/ml-prod/fraud-detector"});
    event.setMDCPropertyMap(mdc);
    return event;
  }

  private static String encode(Appender<ILoggingEvent> appender, ILoggingEvent event) {
    Encoder<ILoggingEvent> encoder = ((OutputStreamAppender<ILoggingEvent>) appender).getEncoder();
    return new String(encoder.encode(event), StandardCharsets.UTF_8);
  }
}
