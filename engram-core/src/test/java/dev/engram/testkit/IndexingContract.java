package dev.engram.testkit;

import static dev.engram.testkit.TestData.array;
import static dev.engram.testkit.TestData.ns;
import static dev.engram.testkit.TestData.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engram.IndexConfig;
import dev.engram.InvalidInputException;
import dev.engram.PutOptions;
import dev.engram.ReindexProgress;
import dev.engram.ReindexRequiredException;
import dev.engram.SearchMode;
import dev.engram.Store;
import dev.engram.UnsupportedFeatureException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The index configuration: stored with the data, its paths, and reindexing. */
public interface IndexingContract extends QueryFixture {

  @Test
  default void aStoreStartsWithoutAnIndexConfiguration() {
    assertThat(store().indexConfig()).isEmpty();
  }

  @Test
  default void theConfigurationIsStoredWithItsEmbedderResolved() {
    IndexConfig stored = indexFields("title", "body");
    assertThat(stored.embedder()).isEqualTo(WordVectors.ID);
    assertThat(stored.dimensions()).isEqualTo(WordVectors.DIMENSIONS);
    assertThat(stored.fields()).containsExactly("title", "body");
    assertThat(store().indexConfig()).contains(stored);
    if (storesPersist()) {
      assertThat(store(b -> b).indexConfig()).contains(stored);
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"a..b", "arr[x]", "arr[0", "{a,b}.c", "."})
  default void aMalformedPathIsRejectedAndChangesNothing(String path) {
    IndexConfig before = indexFields("text");
    assertThatThrownBy(
            () -> store().configureIndex(
                IndexConfig.builder().embedder(WordVectors.ID).fields(path).build(), ReindexProgress.NONE))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(path);
    assertThat(store().indexConfig()).contains(before);
    assertThatThrownBy(
            () -> store().put(ns("a"), "k", object("x", 1), PutOptions.builder().index(List.of(path)).build()))
        .isInstanceOf(InvalidInputException.class);
    assertThat(store().get(ns("a"), "k")).isEmpty();
  }

  @Test
  default void dimensionsThatDoNotMatchTheEmbedderAreRejected() {
    assertThatThrownBy(
            () -> store().configureIndex(
                IndexConfig.builder().embedder(WordVectors.ID).dimensions(3).build(), ReindexProgress.NONE))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("dimensions 3");
    assertThat(store().indexConfig()).isEmpty();
  }

  @Test
  default void anUnknownEmbedderIsNamedInTheError() {
    assertThatThrownBy(
            () -> store().configureIndex(
                IndexConfig.builder().embedder("no-such-model").build(), ReindexProgress.NONE))
        .isInstanceOf(UnsupportedFeatureException.class)
        .hasMessageContaining("no-such-model");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "$            | kiwi   | mango",
        "profile.bio  | kiwi   | mango",
        "tags[*]      | papaya | mango",
        "tags[0]      | guava  | papaya",
        "tags[-1]     | papaya | guava",
        "{title,profile.bio} | kiwi | papaya",
        "{title,profile.bio} | lychee | papaya"
      })
  default void indexPathsSelectTheTextsToIndex(String path, String found, String notFound) {
    indexFields(path.strip());
    store()
        .put(ns("docs"), "k",
            object("title", "lychee", "profile", object("bio", "kiwi"),
                "tags", array("guava", "papaya"), "other", "mango"));
    if (!path.strip().equals("$")) {
      assertThat(query(ns("docs"), notFound, SearchMode.KEYWORD)).as(notFound).isEmpty();
    }
    assertThat(keys(query(ns("docs"), found, SearchMode.KEYWORD))).as(found).containsExactly("k");
  }

  @Test
  default void changingTheFieldsReindexesWhatIsStored() {
    indexFields("title");
    for (int i = 0; i < 300; i++) {
      store().put(ns("docs"), "k" + i, object("title", "lighthouse " + i, "body", "harbour " + i));
    }
    assertThat(query(ns("docs"), "harbour", SearchMode.KEYWORD)).isEmpty();
    List<long[]> reports = new ArrayList<>();
    store()
        .configureIndex(
            IndexConfig.builder().embedder(WordVectors.ID).fields("body").build(),
            (done, total) -> reports.add(new long[] {done, total}));
    assertThat(query(ns("docs"), "harbour", SearchMode.KEYWORD)).hasSize(100);
    assertThat(query(ns("docs"), "lighthouse", SearchMode.KEYWORD)).isEmpty();
    assertThat(reports.get(reports.size() - 1)).containsExactly(300, 300);
  }

  @Test
  default void anotherModelNeedsAReindexBeforeQueriesWork() {
    indexFields("text");
    putText(ns("docs"), "a", "lighthouse keeper");
    putText(ns("docs"), "b", "harbour pilot");
    Store other;
    if (storesPersist()) {
      other = store(b -> b.embedder(WordVectors.otherModel()));
      assertThatThrownBy(() -> query(other, ns("docs"), "lighthouse", SearchMode.VECTOR))
          .isInstanceOf(ReindexRequiredException.class)
          .hasMessageContaining(WordVectors.ID)
          .hasMessageContaining(WordVectors.OTHER_ID);
      assertThat(other.reindex(ReindexProgress.NONE)).isEqualTo(2);
    } else {
      other = store();
      other.configureIndex(
          IndexConfig.builder().embedder(WordVectors.OTHER_ID).fields("text").build(),
          ReindexProgress.NONE);
    }
    assertThat(other.indexConfig().orElseThrow().embedder()).isEqualTo(WordVectors.OTHER_ID);
    assertThat(keys(query(other, ns("docs"), "lighthouse keeper", SearchMode.VECTOR))).startsWith("a");
    assertThat(other.reindex(ReindexProgress.NONE)).isZero();
  }

  @Test
  default void reindexWithoutAConfigurationIsUnsupported() {
    assertThatThrownBy(() -> store().reindex(ReindexProgress.NONE))
        .isInstanceOf(UnsupportedFeatureException.class)
        .hasMessageContaining("index");
  }
}
