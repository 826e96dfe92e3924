package dev.engram.search.embed;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.engram.Embedder;
import dev.engram.EngramException;
import dev.engram.InvalidInputException;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A {@link LocalModel} behind Engram's {@link Embedder}: LangChain4j's ONNX encoder (tokenizing,
 * pooling, long-text windows, normalizing) on a session and threads configured here.
 */
final class OnnxEmbedder implements Embedder {
  /**
   * Texts handed to LangChain4j at once: it makes a task per text, so this bounds what a large
   * call (a reindex) queues and holds.
   */
  static final int BATCH_SIZE = 64;

  private static final Map<LocalModel, OnnxEmbedder> SHARED = shared();

  private final LocalModel model;
  private volatile @Nullable AbstractInProcessEmbeddingModel loaded;

  private OnnxEmbedder(LocalModel model) {
    this.model = model;
  }

  static OnnxEmbedder of(LocalModel model) {
    return SHARED.get(model);
  }

  @Override
  public String id() {
    return model.id();
  }

  @Override
  public int dimensions() {
    return model.dimensions();
  }

  @Override
  public List<float[]> embed(List<String> texts) {
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i);
      if (text == null || text.isBlank()) {
        throw new InvalidInputException(
            "embedder " + id() + " cannot embed a blank text (texts[" + i + "] is "
                + (text == null ? "null" : "blank") + ")");
      }
    }
    AbstractInProcessEmbeddingModel encoder = loaded();
    List<float[]> vectors = new ArrayList<>(texts.size());
    for (int from = 0; from < texts.size(); from += BATCH_SIZE) {
      List<TextSegment> batch =
          texts.subList(from, Math.min(texts.size(), from + BATCH_SIZE)).stream()
              .map(TextSegment::from)
              .toList();
      try {
        for (Embedding embedding : encoder.embedAll(batch).content()) {
          vectors.add(embedding.vector());
        }
      } catch (RuntimeException e) {
        throw new EngramException(
            "embedder " + id() + " failed on texts[" + from + ".." + (from + batch.size() - 1)
                + "]: " + e.getMessage(), e);
      }
    }
    return vectors;
  }

  @Override
  public String toString() {
    return "OnnxEmbedder[" + id() + "]";
  }

  private AbstractInProcessEmbeddingModel loaded() {
    AbstractInProcessEmbeddingModel current = loaded;
    if (current == null) {
      synchronized (this) {
        current = loaded;
        if (current == null) {
          current = load();
          loaded = current;
        }
      }
    }
    return current;
  }

  private AbstractInProcessEmbeddingModel load() {
    // DJL fetches a CUDA build of its tokenizer library from its own server when it sees a GPU;
    // offline mode keeps it on the CPU build inside its jar, so nothing is ever downloaded.
    if (System.getProperty("ai.djl.offline") == null && System.getenv("DJL_OFFLINE") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    ClassLoader resources = OnnxEmbedder.class.getClassLoader();
    try (InputStream weights = resources.getResourceAsStream(model.modelResource());
        InputStream tokenizer = resources.getResourceAsStream(model.tokenizerResource());
        OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      if (weights == null || tokenizer == null) {
        throw new EngramException(
            "embedder " + id() + " is not on the class path: its jar holds "
                + model.modelResource() + " and " + model.tokenizerResource());
      }
      // One thread per text, texts in parallel: on small models ONNX Runtime's own intra-op
      // pool costs more in hand-offs than it gains (measured about half the throughput on 2
      // cores, single texts included).
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      OrtEnvironment environment = OrtEnvironment.getEnvironment();
      OrtSession session = environment.createSession(weights.readAllBytes(), options);
      OnnxBertBiEncoder encoder =
          new OnnxBertBiEncoder(
              environment,
              session,
              tokenizer,
              model.clsPooling() ? PoolingMode.CLS : PoolingMode.MEAN);
      return new AbstractInProcessEmbeddingModel(Threads.POOL) {
        @Override
        protected OnnxBertBiEncoder model() {
          return encoder;
        }
      };
    } catch (EngramException e) {
      throw e;
    } catch (IOException | OrtException | RuntimeException | LinkageError e) {
      // LinkageError: the native libraries did not load (a platform their jars do not cover).
      throw new EngramException(
          "embedder " + id() + " could not be loaded on " + System.getProperty("os.name") + " "
              + System.getProperty("os.arch") + ": " + e, e);
    }
  }

  private static Map<LocalModel, OnnxEmbedder> shared() {
    Map<LocalModel, OnnxEmbedder> all = new EnumMap<>(LocalModel.class);
    for (LocalModel model : LocalModel.values()) {
      all.put(model, new OnnxEmbedder(model));
    }
    return all;
  }

  /** The threads every local model embeds on, started with the first model that loads. */
  private static final class Threads {
    static final ExecutorService POOL = pool(Runtime.getRuntime().availableProcessors());

    private static ExecutorService pool(int size) {
      AtomicInteger count = new AtomicInteger();
      ThreadPoolExecutor pool =
          new ThreadPoolExecutor(
              size,
              size,
              30,
              TimeUnit.SECONDS,
              new LinkedBlockingQueue<>(),
              task -> {
                Thread thread = new Thread(task, "engram-embed-" + count.incrementAndGet());
                thread.setDaemon(true); // never keeps a finished CLI command's JVM alive
                return thread;
              });
      pool.allowCoreThreadTimeOut(true);
      return pool;
    }
  }
}
