/**
 * Embedders: the local in-process models ({@link dev.engram.search.embed.LocalModel}, the default,
 * offline and keyless) and the OpenAI-compatible HTTP client ({@link
 * dev.engram.search.embed.OpenAiEmbedder}), found by stores through their {@link
 * dev.engram.spi.EmbedderProvider}s under the names {@code local}, {@code local:MODEL} and {@code
 * openai:MODEL}. Every embedder here returns unit-length vectors.
 */
package dev.engram.search.embed;
