package dev.engram.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings come from flags, then the environment, then the file, then defaults; errors name them. */
class ServerConfigTest {
  @TempDir Path dir;

  @Test
  void defaultsServeTheEmbeddedStoreOnLoopback() {
    ServerConfig config = ServerConfig.defaults();
    assertThat(config.store()).isEqualTo("sqlite:./engram-data/engram.db");
    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.sweepInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.conversationTtl()).isNull();
    assertThat(config.threadTtl()).isNull();
    assertThat(config.threadRefreshOnRead()).isTrue();
  }

  @Test
  void ttlSettingsComeFromFlagsEnvironmentAndFileAndSurviveACopy() throws Exception {
    Path file = dir.resolve("ttl.properties");
    Files.writeString(file, "thread-ttl=PT90M\nthread-refresh-on-read=false\nconversation-ttl=2h\n");
    ServerConfig config = ServerConfig.load(
        Map.of("config", file.toString(), "conversation-ttl", "30m"),
        Map.of("ENGRAM_THREAD_TTL", "45m"));
    assertThat(config.conversationTtl()).isEqualTo(Duration.ofMinutes(30));
    assertThat(config.threadTtl()).isEqualTo(Duration.ofMinutes(45));
    assertThat(config.threadRefreshOnRead()).isFalse();

    ServerConfig copy = config.with(Map.of("port", "0"));
    assertThat(copy.conversationTtl()).isEqualTo(Duration.ofMinutes(30));
    assertThat(copy.threadTtl()).isEqualTo(Duration.ofMinutes(45));
    assertThat(copy.threadRefreshOnRead()).isFalse();
    assertThat(config.with(Map.of("thread-ttl", "off")).threadTtl()).isNull();
    assertThat(ServerConfig.load(Map.of(), Map.of("ENGRAM_THREAD_REFRESH_ON_READ", "TRUE"))
        .threadRefreshOnRead()).isTrue();
  }

  @Test
  void badTtlSettingsNameTheSettingAndWhereItCameFrom() {
    assertThatThrownBy(() -> ServerConfig.load(Map.of("thread-ttl", "forever"), Map.of()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("thread-ttl")
        .hasMessageContaining("--thread-ttl").hasMessageContaining("forever")
        .hasMessageContaining("or off");
    assertThatThrownBy(() -> ServerConfig.load(Map.of(), Map.of("ENGRAM_CONVERSATION_TTL", "0s")))
        .hasMessageContaining("conversation-ttl").hasMessageContaining("$ENGRAM_CONVERSATION_TTL");
    assertThatThrownBy(() -> ServerConfig.load(Map.of("conversation-ttl", "PT0.0000001S"), Map.of()))
        .hasMessageContaining("conversation-ttl").hasMessageContaining("1 microsecond");
    assertThatThrownBy(() -> ServerConfig.load(Map.of(),
        Map.of("ENGRAM_THREAD_REFRESH_ON_READ", "yes")))
        .hasMessageContaining("thread-refresh-on-read").hasMessageContaining("true or false")
        .hasMessageContaining("$ENGRAM_THREAD_REFRESH_ON_READ").hasMessageContaining("yes");
  }

  @Test
  void flagsBeatEnvironmentWhichBeatsTheFile() throws Exception {
    Path file = dir.resolve("engram.properties");
    Files.writeString(file, "port=7000\nhost=127.0.0.2\nstore=memory:\nrequest-timeout=2s\n");
    ServerConfig config = ServerConfig.load(
        Map.of("config", file.toString(), "port", "9000"),
        Map.of("ENGRAM_PORT", "8000", "ENGRAM_HOST", "127.0.0.3"));
    assertThat(config.port()).isEqualTo(9000);
    assertThat(config.host()).isEqualTo("127.0.0.3");
    assertThat(config.store()).isEqualTo("memory:");
    assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(2));

    ServerConfig fromEnvFile = ServerConfig.load(Map.of(), Map.of("ENGRAM_CONFIG", file.toString()));
    assertThat(fromEnvFile.port()).isEqualTo(7000);
  }

  @Test
  void badValuesNameTheSettingAndWhereItCameFrom() throws Exception {
    assertThatThrownBy(() -> ServerConfig.load(Map.of("port", "http"), Map.of()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("port")
        .hasMessageContaining("--port").hasMessageContaining("http");
    assertThatThrownBy(() -> ServerConfig.load(Map.of(), Map.of("ENGRAM_REQUEST_TIMEOUT", "soon")))
        .hasMessageContaining("request-timeout").hasMessageContaining("$ENGRAM_REQUEST_TIMEOUT");
    Path file = dir.resolve("bad.properties");
    Files.writeString(file, "prot=1\n");
    assertThatThrownBy(() -> ServerConfig.load(Map.of("config", file.toString()), Map.of()))
        .hasMessageContaining("prot").hasMessageContaining("port");
    assertThatThrownBy(() -> ServerConfig.load(Map.of("config", dir.resolve("none").toString()),
        Map.of())).hasMessageContaining("none");
    assertThat(ServerConfig.load(Map.of("sweep-interval", "off"), Map.of()).sweepInterval())
        .isNull();
  }
}
