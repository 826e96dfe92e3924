package dev.engram.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.LogManager;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The configuration of {@code java.util.logging}: every record goes to SLF4J, so the CLI's logback
 * configuration decides what reaches standard error (warnings and errors, prefixed {@code
 * "engram: "}), and a library that logs through it (Lucene does) never prints the JDK's two-line
 * INFO records. Named by {@value #PROPERTY}, which the JDK reads when something first logs through
 * {@code java.util.logging}: commands that never do pay nothing for it.
 */
public final class JulLogging {
  static final String PROPERTY = "java.util.logging.config.class";

  /** Called by the JDK's {@link LogManager} when it initializes. */
  public JulLogging() {
    String config = "handlers=" + SLF4JBridgeHandler.class.getName() + "\n.level=INFO\n";
    try {
      LogManager.getLogManager()
          .readConfiguration(new ByteArrayInputStream(config.getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot configure java.util.logging", e);
    }
  }

  /** Makes this class {@code java.util.logging}'s configuration, unless the user chose one. */
  static void install() {
    if (System.getProperty(PROPERTY) == null
        && System.getProperty("java.util.logging.config.file") == null) {
      System.setProperty(PROPERTY, JulLogging.class.getName());
    }
  }
}
