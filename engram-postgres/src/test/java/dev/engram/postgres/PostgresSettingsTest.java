package dev.engram.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.InvalidInputException;
import dev.engram.spi.BackendUri;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** URI parsing: defaults, both spellings, every parameter checked, the password never shown. */
class PostgresSettingsTest {

  private static PostgresSettings parse(String uri) {
    return PostgresSettings.from(BackendUri.parse(uri));
  }

  @Test
  void fullUriIsTakenApart() {
    PostgresSettings s =
        parse("postgresql://alice:s3cret@db.example.com:6432/memories?schema=agents&poolSize=4"
            + "&connectTimeoutMs=1500&socketTimeoutMs=9000&sslmode=verify-full"
            + "&prepareThreshold=0");
    assertThat(s.host()).isEqualTo("db.example.com");
    assertThat(s.port()).isEqualTo(6432);
    assertThat(s.database()).isEqualTo("memories");
    assertThat(s.user()).isEqualTo("alice");
    assertThat(s.password()).isEqualTo("s3cret");
    assertThat(s.schema()).isEqualTo("agents");
    assertThat(s.poolSize()).isEqualTo(4);
    assertThat(s.connectTimeoutMs()).isEqualTo(1500);
    assertThat(s.socketTimeoutMs()).isEqualTo(9000);
    assertThat(s.sslMode()).isEqualTo("verify-full");
    assertThat(s.prepareThreshold()).isZero();
  }

  @Test
  void defaultsFollowLibpq() {
    PostgresSettings s = parse("postgres://bob@localhost");
    assertThat(s.port()).isEqualTo(5432);
    assertThat(s.database()).isEqualTo("bob");
    assertThat(s.password()).isNull();
    assertThat(s.schema()).isEqualTo("public");
    assertThat(s.poolSize()).isEqualTo(PostgresSettings.DEFAULT_POOL_SIZE);
    assertThat(s.connectTimeoutMs()).isEqualTo(PostgresSettings.DEFAULT_CONNECT_TIMEOUT_MS);
    assertThat(s.socketTimeoutMs()).isEqualTo(PostgresSettings.DEFAULT_SOCKET_TIMEOUT_MS);
    assertThat(s.sslMode()).isNull();
    assertThat(s.prepareThreshold()).isEqualTo(PostgresSettings.DEFAULT_PREPARE_THRESHOLD);
    assertThat(parse("postgresql://localhost/db").user())
        .isEqualTo(System.getProperty("user.name"));
  }

  @Test
  void percentEncodedCredentialsAndIpv6HostsAreDecoded() {
    PostgresSettings s = parse("postgresql://us%40er:p%40ss%2Fw+rd@[::1]:5433/d%20b");
    assertThat(s.user()).isEqualTo("us@er");
    assertThat(s.password()).isEqualTo("p@ss/w+rd");
    assertThat(s.host()).isEqualTo("::1");
    assertThat(s.port()).isEqualTo(5433);
    assertThat(s.database()).isEqualTo("d b");
    assertThat(s.storeName()).isEqualTo("postgresql://us@er@[::1]:5433/d b?schema=public");
  }

  @Test
  void nameAndMessagesNeverHoldThePassword() {
    String uri = "postgresql://alice:pa/ss:w@rd@host:5432/db";
    PostgresSettings s = parse(uri);
    assertThat(s.password()).isEqualTo("pa/ss:w@rd");
    assertThat(s.storeName()).isEqualTo("postgresql://alice@host:5432/db?schema=public");
    assertThat(s.toString()).doesNotContain("pa/ss");
    assertThat(BackendUri.parse(uri).redacted())
        .isEqualTo("postgresql://alice:***@host:5432/db");
    assertThatThrownBy(() -> parse("postgresql://alice:pa/ss@host:99999/db"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("port")
        .hasMessageNotContaining("pa/ss");
  }

  @Test
  void unknownParametersAreRejectedByName() {
    assertThatThrownBy(() -> parse("postgresql://u@h/db?pool_size=3"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("pool_size");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "schema=Public", "schema=a-b", "schema=1abc", "schema=", "schema=x%22%3B%20DROP%20TABLE",
        "schema=a.b", "poolSize=0", "poolSize=1001", "poolSize=x", "connectTimeoutMs=100",
        "socketTimeoutMs=-1", "sslmode=sometimes", "prepareThreshold=-1", "prepareThreshold=x"
      })
  void badParametersAreRejectedNamingThem(String param) {
    String name = param.substring(0, param.indexOf('='));
    assertThatThrownBy(() -> parse("postgresql://u@h/db?" + param))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(name);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "postgresql:", "postgresql:db", "postgresql://", "postgresql://u@/db",
        "postgresql://u@h:port/db", "postgresql://u@[::1/db", "postgresql://u@h1,h2/db"
      })
  void malformedUrisAreRejected(String uri) {
    assertThatThrownBy(() -> parse(uri)).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void providerServesBothSpellings() {
    assertThat(new PostgresBackendProvider().schemes()).containsExactlyInAnyOrder(
        "postgresql", "postgres");
  }
}
