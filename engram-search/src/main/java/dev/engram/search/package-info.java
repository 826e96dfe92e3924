/**
 * Search for Engram stores: embedders (the local in-process model, OpenAI-compatible HTTP) and the
 * Lucene index behind {@code memory:} and {@code sqlite:} stores.
 */
package dev.engram.search;
