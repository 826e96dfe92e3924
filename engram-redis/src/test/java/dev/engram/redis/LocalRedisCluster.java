package dev.engram.redis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A three-master Redis Cluster on spare loopback ports, started for the tests and stopped after
 * them: three {@code redis-server --cluster-enabled yes} nodes without persistence, joined with
 * {@code redis-cli --cluster create}.
 */
final class LocalRedisCluster implements AutoCloseable {
  private final Path dir;
  private final List<LocalRedis> nodes;

  private LocalRedisCluster(Path dir, List<LocalRedis> nodes) {
    this.dir = dir;
    this.nodes = nodes;
  }

  static LocalRedisCluster start() throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("engram-redis-cluster");
    List<LocalRedis> nodes = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        Path nodeDir = dir.resolve("node" + i);
        nodes.add(LocalRedis.start(nodeDir, "--cluster-enabled", "yes",
            "--cluster-config-file", nodeDir.resolve("nodes.conf").toString(),
            "--cluster-node-timeout", "5000", "--appendonly", "no"));
      }
      List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
      for (LocalRedis node : nodes) {
        create.add(RedisTests.HOST + ":" + node.port());
      }
      create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
      LocalRedis.run(create);
      LocalRedisCluster cluster = new LocalRedisCluster(dir, nodes);
      cluster.awaitReady();
      return cluster;
    } catch (IOException | InterruptedException | RuntimeException e) {
      for (LocalRedis node : nodes) {
        node.stop();
      }
      throw e;
    }
  }

  /** Waits until every node reports the cluster as ok and knows all three masters. */
  private void awaitReady() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    for (LocalRedis node : nodes) {
      while (true) {
        String info = node.cli("cluster", "info");
        if (info.contains("cluster_state:ok") && info.contains("cluster_known_nodes:3")) {
          break;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("cluster did not become ready: " + info);
        }
        Thread.sleep(50);
      }
    }
  }

  List<Integer> ports() {
    return nodes.stream().map(LocalRedis::port).toList();
  }

  /** A store URI on this cluster with the given key prefix. */
  String uri(String prefix) {
    StringBuilder s = new StringBuilder("redis-cluster://");
    for (int i = 0; i < nodes.size(); i++) {
      s.append(i == 0 ? "" : ",").append(RedisTests.HOST).append(':').append(nodes.get(i).port());
    }
    return s.append("?prefix=").append(prefix).toString();
  }

  @Override
  public void close() throws IOException {
    for (LocalRedis node : nodes) {
      node.close();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
