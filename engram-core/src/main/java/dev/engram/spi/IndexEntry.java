package dev.engram.spi;

/**
 * One indexed text of an item: the path it came from, the text (for keyword search), and its
 * embedding. An item has one entry per text its index paths yield.
 */
public record IndexEntry(String path, String text, float[] vector) {}
