package dev.engram.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.InvalidInputException;
import dev.engram.spi.BackendUri;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RedisSettingsTest {

  private static RedisSettings parse(String uri) {
    return RedisSettings.from(BackendUri.parse(uri));
  }

  @Test
  void standaloneUriWithEverything() {
    RedisSettings s = parse("redis://app:s3cr%2Bt+x@10.0.0.5:6380/3?prefix=tenant_1&timeoutMs=250");
    assertThat(s.cluster()).isFalse();
    assertThat(s.nodes()).containsExactly(new RedisSettings.Node("10.0.0.5", 6380));
    assertThat(s.user()).isEqualTo("app");
    assertThat(s.password()).isEqualTo("s3cr+t+x");
    assertThat(s.database()).isEqualTo(3);
    assertThat(s.prefix()).isEqualTo("tenant_1");
    assertThat(s.timeout()).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void defaults() {
    RedisSettings s = parse("redis://localhost");
    assertThat(s.nodes()).containsExactly(new RedisSettings.Node("localhost", 6379));
    assertThat(s.user()).isNull();
    assertThat(s.password()).isNull();
    assertThat(s.database()).isZero();
    assertThat(s.prefix()).isEqualTo("engram");
    assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void passwordWithoutUserAndIpv6() {
    RedisSettings s = parse("redis://:pw@[::1]:7000");
    assertThat(s.user()).isNull();
    assertThat(s.password()).isEqualTo("pw");
    assertThat(s.nodes()).containsExactly(new RedisSettings.Node("::1", 7000));
    assertThat(s.storeName()).isEqualTo("redis://:***@[::1]:7000?prefix=engram");
  }

  @Test
  void clusterSeeds() {
    RedisSettings s = parse("redis-cluster://a:7000,b:7001,[::1]:7002?prefix=p");
    assertThat(s.cluster()).isTrue();
    assertThat(s.nodes()).extracting(RedisSettings.Node::toString)
        .containsExactly("a:7000", "b:7001", "[::1]:7002");
    assertThat(s.storeName()).isEqualTo("redis-cluster://a:7000,b:7001,[::1]:7002?prefix=p");
  }

  @Test
  void nameAndToStringNeverShowThePassword() {
    RedisSettings s = parse("redis://admin:topsecret@host:6379/2");
    assertThat(s.storeName()).isEqualTo("redis://admin:***@host:6379/2?prefix=engram");
    assertThat(s.toString()).doesNotContain("topsecret");
  }

  @Test
  void errorsNeverShowThePasswordEvenWithAnUnescapedSlash() {
    assertThatThrownBy(() -> parse("redis://admin:top/secret@host:6379/x"))
        .isInstanceOf(InvalidInputException.class)
        .message().doesNotContain("top/secret").doesNotContain("secret");
    assertThatThrownBy(() -> parse("redis://admin:topsecret@host:6379?bogus=1"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("bogus")
        .message().doesNotContain("topsecret");
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "redis://h?prefix=",
    "redis://h?prefix=a:b",
    "redis://h?prefix=a{b}",
    "redis://h?prefix=a*",
    "redis://h?timeoutMs=0",
    "redis://h?timeoutMs=soon",
    "redis://h?db=1",
    "redis://h:0",
    "redis://h:65536",
    "redis://h:port",
    "redis://h/-1",
    "redis://h/one",
    "redis://a:1,b:2",
    "redis:host:6379",
    "redis://",
    "redis://:6379",
    "redis-cluster://a:1,b:2/1",
    "redis-cluster://a:1,,b:2",
  })
  void nonsenseIsRejectedWithTheSettingNamed(String uri) {
    assertThatThrownBy(() -> parse(uri)).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void theProviderServesBothSchemes() {
    assertThat(new RedisBackendProvider().schemes())
        .containsExactlyInAnyOrderElementsOf(List.of("redis", "redis-cluster"));
  }
}
