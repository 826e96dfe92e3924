package dev.engram.core;

import java.util.function.Supplier;

/** A value made on first use, once, then shared (the embedding model, slow to load). */
final class Lazy<T> implements Supplier<T> {
  private final Supplier<T> maker;
  private volatile T value;

  private Lazy(Supplier<T> maker) {
    this.maker = maker;
  }

  static <T> Lazy<T> of(Supplier<T> maker) {
    return new Lazy<>(maker);
  }

  static <T> Lazy<T> of(T value) {
    Lazy<T> made = new Lazy<>(() -> value);
    made.value = value;
    return made;
  }

  @Override
  public T get() {
    T made = value;
    if (made == null) {
      synchronized (this) {
        made = value;
        if (made == null) {
          made = maker.get();
          value = made;
        }
      }
    }
    return made;
  }
}
