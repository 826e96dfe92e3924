package dev.engram.cli;

import dev.engram.InvalidInputException;
import dev.engram.core.transfer.DataKind;
import dev.engram.core.transfer.Importer;
import dev.engram.spi.JsonCodec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code engram import FILE}: reads an export back into a store; idempotent. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Reads a JSON Lines export (from 'engram export') into the store and prints how many",
      "records of each kind it imported. Importing the same file again changes nothing."
    })
final class ImportCommand extends MemoryCommand {
  @Parameters(index = "0", paramLabel = "FILE", description = "The export file, or - for standard input.")
  String file;

  @Override
  int run() {
    try (Memories target = new Memories(storeOptions.resolve(io().env()));
        BufferedReader reader = open()) {
      Importer importer = new Importer(target::store, target::conversations, target::checkpoints);
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        String where = "line " + number;
        importer.accept(JsonCodec.parseObject(line, where), where);
      }
      importer.flush();
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("items", importer.counts().getOrDefault(DataKind.STORE, 0L));
      out.put("conversations", importer.counts().getOrDefault(DataKind.CONVERSATIONS, 0L));
      out.put("messages", importer.messages());
      out.put("checkpoints", importer.counts().getOrDefault(DataKind.CHECKPOINTS, 0L));
      Output.line(io().out(), out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return ExitCodes.OK;
  }

  private BufferedReader open() throws IOException {
    InputStream in;
    if ("-".equals(file)) {
      in = io().in();
    } else {
      try {
        in = Files.newInputStream(Path.of(file));
      } catch (NoSuchFileException e) {
        throw new InvalidInputException("no such file: " + file);
      }
    }
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }
}
