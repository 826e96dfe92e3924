package dev.engram.cli;

import dev.engram.InvalidInputException;
import dev.engram.core.transfer.DataKind;
import dev.engram.spi.JsonCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The progress of a migration, kept in a small JSON file after every batch so an interrupted run
 * resumes where it stopped: per kind, {@code "done"} or the resume token of the last finished
 * batch. The file names the source and target, and a file for another pair is refused rather than
 * silently applied. Written to a temporary file and moved into place, so a crash never leaves half
 * a file.
 */
final class MigrationProgress {
  static final String DONE = "done";

  private final @Nullable Path file;
  private final String from;
  private final String to;
  private final Map<String, String> kinds = new LinkedHashMap<>();

  private MigrationProgress(@Nullable Path file, String from, String to) {
    this.file = file;
    this.from = from;
    this.to = to;
  }

  /** The progress in {@code file} (none yet when it does not exist); no file: kept in memory. */
  static MigrationProgress load(@Nullable Path file, String from, String to) {
    MigrationProgress progress = new MigrationProgress(file, from, to);
    if (file == null || !Files.exists(file)) {
      return progress;
    }
    Map<String, Object> json;
    try {
      json = JsonCodec.parseObject(Files.readAllBytes(file), "progress file " + file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read progress file " + file, e);
    }
    if (!from.equals(json.get("from")) || !to.equals(json.get("to"))) {
      throw new InvalidInputException("progress file " + file + " belongs to a migration from "
          + json.get("from") + " to " + json.get("to") + "; use another file or delete it");
    }
    if (json.get("kinds") instanceof Map<?, ?> done) {
      done.forEach((k, v) -> progress.kinds.put(String.valueOf(k), String.valueOf(v)));
    }
    return progress;
  }

  boolean isDone(DataKind kind) {
    return DONE.equals(kinds.get(kind.json()));
  }

  /** Where to resume this kind: a batch's resume token, or null to start at the beginning. */
  @Nullable String resumeToken(DataKind kind) {
    String token = kinds.get(kind.json());
    return DONE.equals(token) ? null : token;
  }

  /** Records a finished batch: {@code token} resumes after it; null means the kind is done. */
  void batchDone(DataKind kind, @Nullable String token) {
    kinds.put(kind.json(), token == null ? DONE : token);
    save();
  }

  /** Removes the file after a successful migration. */
  void delete() {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete progress file " + file, e);
      }
    }
  }

  private void save() {
    if (file == null) {
      return;
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("from", from);
    json.put("to", to);
    json.put("kinds", kinds);
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.writeString(temporary, JsonCodec.toJson(json), StandardCharsets.UTF_8);
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write progress file " + file, e);
    }
  }
}
