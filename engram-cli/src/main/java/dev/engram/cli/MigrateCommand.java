package dev.engram.cli;

import dev.engram.InvalidInputException;
import dev.engram.Namespace;
import dev.engram.core.transfer.DataCounts;
import dev.engram.core.transfer.DataKind;
import dev.engram.core.transfer.Exporter;
import dev.engram.core.transfer.Importer;
import dev.engram.spi.BackendUri;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code engram migrate --from URI --to URI}: copies memories between backends and verifies. */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    description = {
      "Copies memories from one store to another in batches, then compares the counts of every",
      "kind in both and fails when any differs. Every write is idempotent, so running it again",
      "after an interruption is safe; with --progress-file it also skips the batches already done.",
      "A progress bar is drawn on standard error when it is a terminal.",
      "Prints {\"copied\":{...},\"counts\":{...}} on success."
    },
    footer = {
      "",
      "Exit codes: 0 copied and verified, 2 invalid input, 4 backend error,",
      "5 copied but the counts differ (the target is not an exact copy; see the messages)."
    })
final class MigrateCommand implements Callable<Integer> {
  /** The copy finished but source and target counts differ. */
  static final int COUNT_MISMATCH = 5;

  @Spec CommandSpec spec;

  @Option(names = "--from", required = true, paramLabel = "URI", description = "Source store URI.")
  String from;

  @Option(names = "--to", required = true, paramLabel = "URI", description = "Target store URI.")
  String to;

  @Option(
      names = "--kind",
      paramLabel = "KIND",
      description = "store, conversations, checkpoints or all (default: all).")
  String kind = Kinds.ALL;

  @Option(
      names = "--prefix",
      paramLabel = "NS",
      description = "Only Store items under this namespace (whole labels).")
  String prefix = "";

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      description = "Items, conversations or threads per batch, 1-1000 (default: "
          + Exporter.DEFAULT_BATCH_SIZE + ").")
  int batchSize = Exporter.DEFAULT_BATCH_SIZE;

  @Option(
      names = "--progress-file",
      paramLabel = "FILE",
      description = "Records progress after every batch; a rerun with it resumes there.")
  @Nullable Path progressFile;

  @Override
  public Integer call() {
    Io io = ((EngramCli) spec.root().userObject()).io();
    Set<DataKind> kinds = Kinds.parse(kind);
    Namespace namespace = Args.namespace(prefix, "--prefix");
    String source = BackendUri.parse(from).redacted();
    String target = BackendUri.parse(to).redacted();
    if (from.equals(to)) {
      throw new InvalidInputException("--from and --to name the same store: " + source);
    }
    MigrationProgress progress = MigrationProgress.load(progressFile, source, target);
    ProgressBar bar = ProgressBar.onTerminal(io.err());
    Map<String, Object> copied = new LinkedHashMap<>();
    Map<String, Object> counts = new LinkedHashMap<>();
    List<String> mismatches = new ArrayList<>();
    try (Memories in = new Memories(from); Memories out = new Memories(to)) {
      Importer importer = new Importer(out::store, out::conversations, out::checkpoints);
      for (DataKind k : kinds) {
        if (kinds.size() > 1 && !in.supports(k)) {
          io.error("skipping " + k.json() + ": not available on " + source);
          continue;
        }
        if (!progress.isDone(k)) {
          copied.put(k.json(), copy(k, in, namespace, importer, progress, bar));
        }
        Map<String, Long> expected = counts(k, in, namespace);
        Map<String, Long> actual = counts(k, out, namespace);
        expected.forEach((name, n) -> {
          counts.put(name, n);
          if (!n.equals(actual.get(name))) {
            mismatches.add(name + ": " + n + " in " + source + ", " + actual.get(name) + " in "
                + target);
          }
        });
      }
    } finally {
      bar.finish();
    }
    if (!mismatches.isEmpty()) {
      io.error("migration copied everything but the counts differ:");
      mismatches.forEach(m -> io.error("  " + m));
      io.error("the target held other data before, or data changed during the migration");
      return COUNT_MISMATCH;
    }
    progress.delete();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("copied", copied);
    result.put("counts", counts);
    Output.line(io.out(), result);
    io.out().flush();
    return ExitCodes.OK;
  }

  /** Copies one kind, resuming after the last recorded batch; returns the records copied. */
  private long copy(DataKind k, Memories in, Namespace namespace, Importer importer,
      MigrationProgress progress, ProgressBar bar) {
    long total = switch (k) {
      case STORE -> counts(k, in, namespace).get("store.items");
      case CONVERSATIONS -> in.conversations().stats().conversations();
      case CHECKPOINTS -> in.checkpoints().stats().threads();
    };
    long[] done = {0};
    long[] records = {0};
    Exporter exporter = new Exporter(batchSize, Clock.systemUTC(),
        record -> {
          records[0]++;
          importer.accept(record, k.json() + " record " + records[0]);
        },
        (kind, token, units) -> {
          // Buffered messages land before the batch counts as done.
          importer.flush();
          progress.batchDone(kind, token);
          done[0] += units;
          bar.update("migrating " + kind.json(), done[0], total);
        });
    String resume = progress.resumeToken(k);
    switch (k) {
      case STORE -> exporter.store(in.store(), namespace, resume);
      case CONVERSATIONS -> exporter.conversations(in.conversations(), resume);
      case CHECKPOINTS -> exporter.checkpoints(in.checkpoints(), resume);
    }
    return records[0];
  }

  private static Map<String, Long> counts(DataKind k, Memories memories, Namespace namespace) {
    return switch (k) {
      case STORE -> DataCounts.store(memories.store(), namespace);
      case CONVERSATIONS -> DataCounts.conversations(memories.conversations());
      case CHECKPOINTS -> DataCounts.checkpoints(memories.checkpoints());
    };
  }
}
