package dev.engram.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** {@code engram --version}: the version the build wrote into {@code version.properties}. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() throws IOException {
    Properties props = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        props.load(in);
      }
    }
    String version = props.getProperty("version", "unknown");
    return new String[] {
      "engram " + version,
      "Java " + Runtime.version() + " (" + System.getProperty("java.vendor", "?") + ")"
    };
  }
}
