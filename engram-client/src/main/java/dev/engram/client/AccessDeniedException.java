package dev.engram.client;

import dev.engram.EngramException;

/**
 * The server refused the request's credentials: no API key or an unknown or revoked one (HTTP
 * 401), or a key without the scope or the namespace grant the request needs (HTTP 403).
 */
public final class AccessDeniedException extends EngramException {
  private static final long serialVersionUID = 1L;

  private final int status;

  public AccessDeniedException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** 401 when the key is missing or unknown, 403 when it lacks a scope or grant. */
  public int status() {
    return status;
  }
}
